package io.flarewatch.central;

import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.config.ServiceMain;

/** Runs central from a YAML config file: {@code central --config central.yaml}. */
public final class CentralMain {

  private CentralMain() {}

  public static void main(String[] args) throws InterruptedException {
    ServiceMain.run("central", args, CentralConfig.class, CentralApp::start);
  }
}
