package io.flarewatch.edge.polling;

import io.flarewatch.drivers.DeviceFailure;
import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;

/**
 * The {@code error} and {@code error_detail} fields of a device that did not answer: the stable
 * code and short detail of its {@link DeviceFailure}. A failure that is not a device's (a fault in
 * the edge itself) reads {@code internal_error} with the exception as detail.
 */
final class DeviceErrorFields {

  /** The code of a failure that is not the device's. */
  static final String INTERNAL_ERROR = "internal_error";

  private DeviceErrorFields() {}

  static Point.Builder add(Point.Builder point, Throwable failure) {
    if (failure instanceof DeviceFailure device) {
      return point
          .field(Schema.FIELD_ERROR, device.code())
          .field(Schema.FIELD_ERROR_DETAIL, ShortText.of(device.detail()));
    }
    return point
        .field(Schema.FIELD_ERROR, INTERNAL_ERROR)
        .field(Schema.FIELD_ERROR_DETAIL, ShortText.of(failure.toString()));
  }
}
