package io.flarewatch.edge.polling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.drivers.miner.MinerApiClient;
import io.flarewatch.drivers.miner.MinerPoller;
import io.flarewatch.edge.buffer.BufferExecutor;
import io.flarewatch.edge.buffer.SqliteSampleBuffer;
import io.flarewatch.edge.config.BufferConfig;
import io.flarewatch.edge.config.CentralLink;
import io.flarewatch.edge.config.EdgeConfig;
import io.flarewatch.edge.config.MinerConfig;
import io.flarewatch.edge.config.ModbusConfig;
import io.flarewatch.edge.config.PollingConfig;
import io.flarewatch.edge.uplink.UplinkVerticle;
import io.flarewatch.simulator.ModbusEndpoint;
import io.flarewatch.simulator.PhysicsConfig;
import io.flarewatch.simulator.SimulatorConfig;
import io.flarewatch.simulator.SiteSimulator;
import io.flarewatch.wire.LineProtocolParser;
import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two cycles in a row cannot be stored (the buffer refuses them, as on a full disk). Both are
 * counted and reported in an {@code edge_event} stored with the next cycle, and the gas meters'
 * totalizers stay at the last stored reading: the first stored interval after the gap carries the
 * whole volume, so the stored intervals add up to exactly what the meter advanced.
 */
class CyclesNotStoredTest {

  private static final String SITE = "gap-site";
  private static final int STORED_BEFORE = 2;
  private static final int REFUSED = 2;
  private static final int STORED_AFTER = 3;

  @TempDir Path dir;
  private Vertx vertx;
  private SiteSimulator simulator;
  private RefusingBuffer buffer;
  private BufferExecutor executor;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    SimulatorConfig defaults = SimulatorConfig.defaults(2, 17);
    PhysicsConfig p = defaults.physics();
    simulator =
        SiteSimulator.start(
                vertx,
                defaults.withPhysics(
                    new PhysicsConfig(
                        p.ratedKw(),
                        p.powerFactor(),
                        p.auxiliaryFraction(),
                        p.heatRateBtuPerKwh(),
                        p.gasHhvBtuPerScf(),
                        2_000, // Mscf/d: the flare meter advances ~20 scf per second
                        0,
                        p.supplyMeanReversion(),
                        p.minLoadFraction(),
                        p.restartDelaySeconds(),
                        p.gensetFuelTotalizerStartScf(),
                        p.flareTotalizerStartScf(),
                        List.of(),
                        List.of())))
            .await();
    buffer =
        new RefusingBuffer(
            SqliteSampleBuffer.open(dir.resolve("buffer.db"), 1L << 30, 0, Clock.systemUTC()));
    executor = new BufferExecutor(vertx, buffer);
  }

  @AfterEach
  void stop() throws Exception {
    simulator.close().await();
    executor.close().await();
    vertx.close().await();
  }

  @Test
  void cyclesNotStoredAreCountedAndTheNextStoredIntervalCarriesTheWholeVolume() throws Exception {
    PollingStats stats = new PollingStats();
    AtomicInteger stored = new AtomicInteger();
    Promise<Void> done = Promise.promise();
    vertx
        .eventBus()
        .<Integer>localConsumer(
            UplinkVerticle.SAMPLES_APPENDED,
            message -> {
              int cycles = stored.incrementAndGet();
              if (cycles == STORED_BEFORE) {
                buffer.refuseNext(REFUSED);
              } else if (cycles == STORED_BEFORE + STORED_AFTER) {
                done.tryComplete();
              }
            });
    String pollingId =
        vertx
            .deployVerticle(
                new PollingVerticle(
                    edgeConfig(),
                    executor,
                    new MinerPoller(new MinerApiClient(vertx)),
                    stats,
                    PollingVerticle.CycleListener.NONE,
                    Clock.systemUTC()))
            .await();
    done.future().await(60, TimeUnit.SECONDS);
    vertx.undeploy(pollingId).await();

    assertEquals(REFUSED, buffer.refused());
    assertEquals(REFUSED, stats.cyclesLost(), "every cycle not stored is counted");
    List<Point> points =
        LineProtocolParser.parse(String.join("\n", executor.oldest(100_000).await().lines()));
    List<Point> events =
        points.stream()
            .filter(p -> p.measurement().equals(Schema.EDGE_EVENT))
            .filter(p -> Schema.KIND_CYCLE_LOST.equals(p.tag(Schema.TAG_KIND)))
            .filter(p -> (Long) p.fields().get(Schema.FIELD_LOST_CYCLES) > 0)
            .toList();
    assertEquals(1, events.size(), "one event, stored with the first cycle after the gap");
    assertEquals((long) REFUSED, events.get(0).fields().get(Schema.FIELD_LOST_CYCLES));
    assertEquals((long) REFUSED, events.get(0).fields().get(Schema.FIELD_LOST_CYCLES_TOTAL));

    List<Point> flare =
        points.stream()
            .filter(p -> p.measurement().equals(Schema.GAS_METER))
            .filter(p -> "flare".equals(p.tag(Schema.TAG_DEVICE)))
            .toList();
    assertEquals(STORED_BEFORE + STORED_AFTER, flare.size(), "one reading per stored cycle");
    // a reading the meter did not answer (up=0) moves nothing on; the next one covers it
    flare = flare.stream().filter(p -> p.fields().get(Schema.FIELD_UP).equals(1L)).toList();
    double first = total(flare.get(0));
    double last = total(flare.get(flare.size() - 1));
    double intervals =
        flare.stream()
            .skip(1)
            .mapToDouble(p -> (Double) p.fields().get(Schema.FIELD_INTERVAL_VOLUME_SCF))
            .sum();
    assertTrue(last - first > 50, "the meter advanced meanwhile: " + first + " -> " + last);
    assertEquals(
        last - first, intervals, 1e-6, "stored intervals add up to what the meter advanced");
  }

  private static double total(Point meter) {
    return (Double) meter.fields().get("volume_total_scf");
  }

  private EdgeConfig edgeConfig() {
    return new EdgeConfig(
        SITE,
        new CentralLink(URI.create("http://127.0.0.1:9"), "unused"),
        new PollingConfig(1_000L, 800L, 10, 0L),
        simulator.miners().stream().map(m -> new MinerConfig(m.id(), m.host(), m.port())).toList(),
        List.of(),
        List.of(
            meter(simulator.gensetFuelMeter(), ModbusConfig.Role.GENSET_FUEL_METER),
            meter(simulator.flareMeter(), ModbusConfig.Role.FLARE_METER)),
        new BufferConfig(dir.resolve("unused.db"), null),
        null,
        null,
        null);
  }

  private static ModbusConfig meter(ModbusEndpoint endpoint, ModbusConfig.Role role) {
    return new ModbusConfig(
        endpoint.id(),
        role,
        endpoint.host(),
        endpoint.port(),
        endpoint.unitId(),
        "classpath:" + endpoint.registerMap(),
        null,
        null);
  }
}
