package io.flarewatch.launcher;

/**
 * The {@code flarewatch} entry point, {@code flarewatch <command> [options]}: the launcher script
 * ({@code bin/flarewatch}) runs this class with every jar of the installation on the class path;
 * the commands are listed in {@link Subcommands}. The system property {@code flarewatch.package}
 * names the package this installation is (set by the launcher from the installation's {@code
 * package} file), so that a command it lacks can say so.
 */
public final class FlarewatchCommand {

  private FlarewatchCommand() {}

  public static void main(String[] args) throws Exception {
    Subcommands commands =
        Subcommands.installed(
            System.getProperty("flarewatch.package", ""), FlarewatchCommand.class.getClassLoader());
    int exitCode = commands.run(args, System.out, System.err);
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }
}
