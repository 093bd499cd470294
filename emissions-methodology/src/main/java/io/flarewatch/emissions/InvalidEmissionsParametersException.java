package io.flarewatch.emissions;

/**
 * A parameter of the emissions methodology is missing or invalid. {@link #path()} names the
 * offending key (for example {@code emissions.flare.efficiency}); {@link #problem()} says what is
 * wrong with it.
 */
public final class InvalidEmissionsParametersException extends IllegalArgumentException {

  private final String path;
  private final String problem;

  public InvalidEmissionsParametersException(String path, String problem) {
    super(path.isEmpty() ? problem : path + ": " + problem);
    this.path = path;
    this.problem = problem;
  }

  /** Dotted key path of the bad entry; empty when the problem concerns the whole input. */
  public String path() {
    return path;
  }

  /** What is wrong, without the path. */
  public String problem() {
    return problem;
  }
}
