package io.flarewatch.launcher;

import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * How a command's main class is run, found by reflection when the command is chosen. In order of
 * preference:
 *
 * <ol>
 *   <li>{@code public static int run(String[] args, PrintStream out, PrintStream err)};
 *   <li>{@code public int run(String[], PrintStream, PrintStream)} on a new instance (a public
 *       no-argument constructor);
 *   <li>{@code public static void main(String[])}, which exits by itself when it fails (0 when it
 *       returns).
 * </ol>
 */
@FunctionalInterface
interface MainMethod {

  int run(String[] args, PrintStream out, PrintStream err) throws Exception;

  /** The main method of {@code className}; the class is loaded and initialized here. */
  static MainMethod find(String className, ClassLoader loader) throws ClassNotFoundException {
    Class<?> type = Class.forName(className, true, loader);
    Method run = publicMethod(type, "run", String[].class, PrintStream.class, PrintStream.class);
    if (run != null && run.getReturnType() == int.class) {
      if (Modifier.isStatic(run.getModifiers())) {
        return (args, out, err) -> (int) invoke(run, null, args, out, err);
      }
      Constructor<?> constructor = publicConstructor(type);
      if (constructor != null) {
        return (args, out, err) -> (int) invoke(run, construct(constructor), args, out, err);
      }
    }
    Method main = publicMethod(type, "main", String[].class);
    if (main != null && Modifier.isStatic(main.getModifiers())) {
      return (args, out, err) -> {
        invoke(main, null, (Object) args);
        return 0;
      };
    }
    throw new IllegalStateException(
        className
            + " has neither a public static int run(String[], PrintStream, PrintStream) nor a"
            + " public static void main(String[])");
  }

  /** The value of {@code public static final String HELP} of {@code className}. */
  static String helpConstant(String className, ClassLoader loader) {
    try {
      return (String) Class.forName(className, true, loader).getField("HELP").get(null);
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException(
          className + " has no public static String HELP, and its command no help of its own", e);
    }
  }

  private static Method publicMethod(Class<?> type, String name, Class<?>... parameters) {
    try {
      return type.getMethod(name, parameters);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static Constructor<?> publicConstructor(Class<?> type) {
    try {
      return type.getConstructor();
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static Object construct(Constructor<?> constructor) throws Exception {
    try {
      return constructor.newInstance();
    } catch (InvocationTargetException e) {
      throw rethrow(e);
    }
  }

  private static Object invoke(Method method, Object target, Object... args) throws Exception {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw rethrow(e);
    }
  }

  /** What the method threw, as it threw it (an Error stays an Error). */
  private static Exception rethrow(InvocationTargetException e) {
    Throwable cause = e.getCause();
    if (cause instanceof Error error) {
      throw error;
    }
    return cause instanceof Exception exception ? exception : e;
  }
}
