package io.flarewatch.launcher;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Main classes of every convention {@link MainMethod} knows, for {@link SubcommandsTest}. */
public final class Commands {

  private Commands() {}

  static final List<Subcommand> LIST =
      List.of(
          Subcommand.of(
              "static-run",
              "fixtures",
              StaticRun.class.getName(),
              "static-run [ARG...]",
              "prints its arguments"),
          Subcommand.of(
              "instance-run", "fixtures", InstanceRun.class.getName(), "instance-run", ""),
          Subcommand.of("plain-main", "fixtures", PlainMain.class.getName(), "plain-main", ""),
          Subcommand.of(
              "help-constant", "fixtures", HelpConstant.class.getName(), "help-constant", null),
          Subcommand.of("own-help", "fixtures", OwnHelp.class.getName(), "own-help", "")
              .withOwnHelp(),
          Subcommand.of(
              "needs-missing", "fixtures", NeedsMissing.class.getName(), "needs-missing", ""));

  static Subcommands all() {
    return new Subcommands(LIST, "", Commands.class.getClassLoader());
  }

  /** Prints its name and arguments; exits with their count. */
  public static final class StaticRun {
    public static int run(String[] args, PrintStream out, PrintStream err) {
      out.println("static-run " + String.join(" ", args));
      return args.length + 1;
    }
  }

  /** The same, as an instance method. */
  public static final class InstanceRun {
    public int run(String[] args, PrintStream out, PrintStream err) {
      out.println("instance-run " + String.join(" ", args));
      return args.length + 1;
    }
  }

  /** A plain main, which keeps what it was given. */
  public static final class PlainMain {
    static final List<String> calls = new ArrayList<>();

    public static void main(String[] args) {
      calls.addAll(List.of(args));
    }
  }

  /** Help of its own as a constant. */
  public static final class HelpConstant {
    public static final String HELP = "help from the class";

    public static void main(String[] args) {}
  }

  /** Reads --help itself. */
  public static final class OwnHelp {
    public static int run(String[] args, PrintStream out, PrintStream err) {
      out.println("own-help " + String.join(" ", args));
      return 1;
    }
  }

  /** Needs a class the installation may lack. */
  public static final class NeedsMissing {
    public static int run(String[] args, PrintStream out, PrintStream err) {
      return new Needed().value();
    }
  }

  /** What {@link NeedsMissing} needs. */
  public static final class Needed {
    int value() {
      return 0;
    }
  }
}
