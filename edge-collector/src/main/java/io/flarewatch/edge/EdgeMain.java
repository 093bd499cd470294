package io.flarewatch.edge;

import io.flarewatch.config.ServiceMain;
import io.flarewatch.edge.config.EdgeConfig;

/** Runs one site's edge from a YAML config file: {@code edge --config edge.yaml}. */
public final class EdgeMain {

  private EdgeMain() {}

  public static void main(String[] args) throws InterruptedException {
    ServiceMain.run("edge", args, EdgeConfig.class, EdgeApp::start);
  }
}
