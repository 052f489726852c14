package org.wikipulse.app.violation;

/** The target of a deliberately bad dependency. */
public class AppThing {
  public static final String NAME = "app";

  public static int now() {
    return NAME.length();
  }
}
