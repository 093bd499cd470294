package io.flarewatch.central;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.ClusterConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Vert.x instance central runs on: a plain one, or, with {@code cluster.enabled}, a member of
 * the replicas' Vert.x cluster (Hazelcast, members from the static list, multicast off), whose
 * event bus spans every replica.
 */
public final class CentralCluster {

  private static final Logger LOG = LoggerFactory.getLogger(CentralCluster.class);

  private CentralCluster() {}

  /** A new Vert.x instance for {@code config}: clustered when {@code cluster.enabled}. */
  public static Future<Vertx> vertx(CentralConfig config) {
    ClusterConfig cluster = config.cluster();
    if (!cluster.enabled()) {
      return Future.succeededFuture(Vertx.vertx());
    }
    EventBusOptions bus = new EventBusOptions().setPort(cluster.eventBusPort());
    if (cluster.host() != null) {
      bus.setHost(cluster.host());
    }
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcast(cluster));
    return Vertx.builder()
        .with(new VertxOptions().setEventBusOptions(bus))
        .withClusterManager(manager)
        .buildClustered()
        .onSuccess(
            vertx ->
                LOG.info(
                    "joined the cluster of central's replicas as one of {} members: Hazelcast on"
                        + " port {}, event bus on port {}, members looked for at {}",
                    manager.getNodes().size(),
                    cluster.port(),
                    cluster.eventBusPort(),
                    cluster.memberAddresses()));
  }

  /** Vert.x's Hazelcast settings with the network of {@code cluster}. */
  static Config hazelcast(ClusterConfig cluster) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName("flarewatch-central");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    // Vert.x leaves the cluster when central stops; Hazelcast's own hook would leave first
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    // the cluster holds only Vert.x's own small maps: few partitions start and move faster
    config.setProperty("hazelcast.partition.count", "31");
    // a replica joining waits 1 s (not 5) for others; split clusters merge within 30 s (not 300)
    config.setProperty("hazelcast.wait.seconds.before.join", "1");
    config.setProperty("hazelcast.merge.first.run.delay.seconds", "30");
    config.setProperty("hazelcast.merge.next.run.delay.seconds", "30");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(cluster.port()).setPortAutoIncrement(false);
    if (cluster.host() != null) {
      network.getInterfaces().setEnabled(true).addInterface(cluster.host());
      network.setPublicAddress(cluster.host() + ":" + cluster.port());
      config.setProperty("hazelcast.socket.bind.any", "false");
    }
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig()
        .setEnabled(true)
        .setConnectionTimeoutSeconds(2)
        .setMembers(cluster.memberAddresses());
    return config;
  }
}
