package io.flarewatch.drivers.miner;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls miners: detects each miner's firmware once (cached per address; {@code version}, or {@code
 * get_version} when a miner refuses {@code version}), sends the firmware's requests from {@link
 * MinerPollCommands}, and maps the replies to a {@link MinerSample}. After any failure the cached
 * firmware is forgotten, so the next poll detects again (the miner may have been re-flashed or
 * replaced). Non-blocking.
 */
public final class MinerPoller {

  private static final Logger LOG = LoggerFactory.getLogger(MinerPoller.class);

  private final MinerApiClient client;
  private final Map<MinerAddress, MinerFirmware> firmwareByMiner = new ConcurrentHashMap<>();

  public MinerPoller(MinerApiClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * Polls one miner.
   *
   * @return the sample; fails with a {@link MinerApiException} subclass
   */
  public Future<MinerSample> poll(MinerAddress address) {
    return firmware(address)
        .compose(firmware -> read(address, firmware))
        .onFailure(
            e -> {
              if (firmwareByMiner.remove(address) != null) {
                LOG.debug(
                    "{}: poll failed, firmware will be detected again: {}",
                    address,
                    e.getMessage());
              }
            });
  }

  /** The firmware detected for a miner, if it has been polled successfully. */
  public Optional<MinerFirmware> knownFirmware(MinerAddress address) {
    return Optional.ofNullable(firmwareByMiner.get(address));
  }

  private Future<MinerFirmware> firmware(MinerAddress address) {
    MinerFirmware known = firmwareByMiner.get(address);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    return client
        .command(address, MinerPollCommands.DETECT, null)
        .recover(
            refused ->
                refused instanceof MinerStatusException
                    ? client
                        .command(address, MinerPollCommands.DETECT_FALLBACK, null)
                        .recover(e -> Future.failedFuture(refused))
                    : Future.failedFuture(refused))
        .map(MinerFirmwareDetector::detect)
        .onSuccess(
            firmware -> {
              LOG.debug("{}: detected firmware {}", address, firmware);
              firmwareByMiner.put(address, firmware);
            });
  }

  private Future<MinerSample> read(MinerAddress address, MinerFirmware firmware) {
    Map<String, JsonNode> replies = new LinkedHashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (String request : MinerPollCommands.requests(firmware)) {
      chain =
          chain.compose(
              v ->
                  client
                      .command(address, request, null)
                      .map(
                          reply -> {
                            replies.put(request, reply);
                            return null;
                          }));
    }
    return chain.map(v -> MinerSampleMapper.map(firmware, MinerReplySections.of(replies)));
  }
}
