package io.flarewatch.central;

import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.config.ServiceMain;

/**
 * Runs central from a YAML config file: {@code central --config central.yaml}, on a clustered
 * Vert.x when {@code cluster.enabled} ({@link CentralCluster}).
 */
public final class CentralMain {

  private CentralMain() {}

  public static void main(String[] args) throws InterruptedException {
    ServiceMain.run("central", args, CentralConfig.class, CentralCluster::vertx, CentralApp::start);
  }
}
