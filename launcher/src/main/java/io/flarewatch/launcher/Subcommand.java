package io.flarewatch.launcher;

import java.io.PrintStream;

/**
 * A {@code flarewatch} command, named but not linked: its main class is loaded only when the
 * command is chosen (or asked whether it is installed), so an installation without the command's
 * module still starts, lists what it has and says what it lacks.
 *
 * @param name what follows {@code flarewatch}
 * @param module the module (jar) that holds the main class, named when it is not installed
 * @param mainClass the class that runs the command, by the conventions of {@link MainMethod}
 * @param synopsis one line: the name and its options
 * @param help the text of {@code flarewatch <name> --help}; null: the main class's own {@code
 *     public static final String HELP}, for help that names the command's own options
 * @param ownHelp whether {@code --help} goes to the command itself, which prints its own
 */
public record Subcommand(
    String name, String module, String mainClass, String synopsis, String help, boolean ownHelp) {

  static Subcommand of(String name, String module, String mainClass, String synopsis, String help) {
    return new Subcommand(name, module, mainClass, synopsis, help, false);
  }

  /** The same command, with {@code --help} handled by the command itself. */
  Subcommand withOwnHelp() {
    return new Subcommand(name, module, mainClass, synopsis, help, true);
  }

  /** Whether the main class is on this class loader's path, without initializing it. */
  public boolean isInstalled(ClassLoader loader) {
    try {
      Class.forName(mainClass, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** The text of {@code flarewatch <name> --help}; the command must be installed. */
  public String helpText(ClassLoader loader) {
    if (help != null) {
      return help;
    }
    return MainMethod.helpConstant(mainClass, loader);
  }

  /** Runs the command with the arguments after its name; returns its exit code. */
  int run(String[] args, PrintStream out, PrintStream err, ClassLoader loader) throws Exception {
    return MainMethod.find(mainClass, loader).run(args, out, err);
  }
}
