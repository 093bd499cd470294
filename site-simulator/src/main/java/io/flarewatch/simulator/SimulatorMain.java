package io.flarewatch.simulator;

import io.flarewatch.config.Shutdown;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs a site simulator on its own until Ctrl-C.
 *
 * <pre>
 * --config FILE         JSON config (flags below override it)
 * --miners N            number of miners (default 3)
 * --seed S              random seed (default 1)
 * --addressing MODE     LOOPBACK_RANGE or PORT_RANGE
 * --base-host ADDR      first miner address (LOOPBACK_RANGE) or the host (PORT_RANGE)
 * --base-port PORT      miner port (LOOPBACK_RANGE) or first port (PORT_RANGE, 0 = ephemeral)
 * --web-port PORT       stock Antminer web interfaces: the port (LOOPBACK_RANGE) or the first
 *                       port (PORT_RANGE, miner i at PORT + i; 0 = ephemeral)
 * --modbus-port PORT    generator port; the fuel meter gets PORT+1, the flare meter PORT+2
 * --tick-ms MS          tick length (default 1000)
 * --time-scale X        site seconds per real second (default 1; e.g. 60 runs an hour a minute)
 * </pre>
 */
public final class SimulatorMain {
  private SimulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    SimulatorConfig config;
    double timeScale;
    try {
      config = parse(args);
      timeScale = timeScale(args);
    } catch (IllegalArgumentException e) {
      System.err.println("site-simulator: " + e.getMessage());
      System.err.println(
          "usage: site-simulator [--config file.json] [--miners N] [--seed S]"
              + " [--addressing LOOPBACK_RANGE|PORT_RANGE] [--base-host ADDR] [--base-port PORT]"
              + " [--web-port PORT] [--modbus-port PORT] [--tick-ms MS] [--time-scale X]");
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    SiteSimulator sim;
    try {
      java.time.Clock clock = java.time.Clock.systemUTC();
      sim =
          SiteSimulator.start(
                  vertx, config, timeScale == 1 ? clock : new ScaledClock(clock, timeScale))
              .await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("site-simulator: cannot start: " + e.getMessage());
      vertx.close();
      System.exit(1);
      return;
    }
    for (MinerEndpoint m : sim.miners()) {
      System.out.printf(
          "miner %s %s %s:%d%s%n",
          m.id(),
          m.flavour(),
          m.host(),
          m.port(),
          m.webPort() == null ? "" : " web " + m.webPort());
    }
    for (ModbusEndpoint d :
        new ModbusEndpoint[] {sim.generator(), sim.gensetFuelMeter(), sim.flareMeter()}) {
      System.out.printf(
          "modbus %s %s:%d unit %d map %s%n",
          d.id(), d.host(), d.port(), d.unitId(), d.registerMap());
    }
    System.out.println("ready (Ctrl-C to stop)");
    Shutdown.await(
        "site-simulator",
        () -> sim.close().compose(v -> vertx.close()).await(10, TimeUnit.SECONDS));
  }

  /**
   * Builds the config from the command line.
   *
   * @throws IllegalArgumentException naming a bad flag or value
   */
  public static SimulatorConfig parse(String[] args) {
    SimulatorConfig config = null;
    Integer miners = null;
    Long seed = null;
    for (int i = 0; i < args.length; i++) {
      if ("--config".equals(args[i])) {
        config = SimulatorConfig.load(Path.of(value(args, i)));
      } else if ("--miners".equals(args[i])) {
        miners = intValue(args, i);
      } else if ("--seed".equals(args[i])) {
        seed = longValue(args, i);
      }
    }
    if (config == null) {
      config = SimulatorConfig.defaults(miners == null ? 3 : miners, seed == null ? 1 : seed);
    } else if (miners != null || seed != null) {
      SimulatorConfig sized =
          SimulatorConfig.defaults(
              miners == null ? config.miners().count() : miners,
              seed == null ? config.seed() : seed);
      config =
          new SimulatorConfig(
              sized.seed(),
              config.tickMillis(),
              new FleetConfig(
                  sized.miners().count(),
                  config.miners().addressing(),
                  config.miners().baseHost(),
                  config.miners().basePort(),
                  config.miners().webPort(),
                  config.miners().flavourMix(),
                  config.miners().whatsminer()),
              config.modbus(),
              miners == null ? config.physics() : sized.physics(),
              config.faults(),
              config.groundTruthCapacity(),
              miners == null ? config.gas() : config.gas().withBaseMscfd(sized.gas().baseMscfd()),
              config.engine());
    }
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      FleetConfig m = config.miners();
      ModbusDevicesConfig mb = config.modbus();
      switch (a) {
        case "--config", "--miners", "--seed" -> i++;
        case "--addressing" -> {
          Addressing addressing;
          try {
            addressing = Addressing.valueOf(value(args, i));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                "--addressing must be LOOPBACK_RANGE or PORT_RANGE, got " + args[i + 1], e);
          }
          String host = m.baseHost();
          int port = m.basePort();
          if (addressing == Addressing.LOOPBACK_RANGE && "127.0.0.1".equals(host)) {
            host = "127.0.1.1";
          }
          if (addressing == Addressing.LOOPBACK_RANGE && port == 0) {
            port = 4028;
          }
          config = config.withMiners(m.withAddressing(addressing, host, port));
          i++;
        }
        case "--base-host" -> {
          config =
              config.withMiners(m.withAddressing(m.addressing(), value(args, i), m.basePort()));
          i++;
        }
        case "--base-port" -> {
          config =
              config.withMiners(m.withAddressing(m.addressing(), m.baseHost(), intValue(args, i)));
          i++;
        }
        case "--web-port" -> {
          config = config.withMiners(m.withWebPort(intValue(args, i)));
          i++;
        }
        case "--modbus-port" -> {
          int p = intValue(args, i);
          config = config.withModbus(mb.withPorts(p, p == 0 ? 0 : p + 1, p == 0 ? 0 : p + 2));
          i++;
        }
        case "--tick-ms" -> {
          config = config.withTickMillis(longValue(args, i));
          i++;
        }
        case "--time-scale" -> {
          timeScaleValue(args, i);
          i++;
        }
        default -> throw new IllegalArgumentException("unknown argument " + a);
      }
    }
    return config;
  }

  /**
   * The {@code --time-scale} flag: site seconds per real second (1 when absent).
   *
   * @throws IllegalArgumentException when it is not a number of at least 1
   */
  public static double timeScale(String[] args) {
    double scale = 1;
    for (int i = 0; i < args.length; i++) {
      if ("--time-scale".equals(args[i])) {
        scale = timeScaleValue(args, i);
      }
    }
    return scale;
  }

  private static double timeScaleValue(String[] args, int i) {
    String v = value(args, i);
    double scale;
    try {
      scale = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--time-scale must be a number >= 1, got " + v, e);
    }
    if (!(scale >= 1) || !Double.isFinite(scale)) {
      throw new IllegalArgumentException("--time-scale must be a number >= 1, got " + v);
    }
    return scale;
  }

  private static String value(String[] args, int i) {
    if (i + 1 >= args.length) {
      throw new IllegalArgumentException(args[i] + " needs a value");
    }
    return args[i + 1];
  }

  private static int intValue(String[] args, int i) {
    try {
      return Integer.parseInt(value(args, i));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(args[i] + " must be an integer, got " + args[i + 1], e);
    }
  }

  private static long longValue(String[] args, int i) {
    try {
      return Long.parseLong(value(args, i));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(args[i] + " must be an integer, got " + args[i + 1], e);
    }
  }
}
