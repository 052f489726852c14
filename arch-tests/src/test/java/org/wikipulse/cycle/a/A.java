package org.wikipulse.cycle.a;

/** One half of a deliberate package cycle. */
public class A {
  public org.wikipulse.cycle.b.B b() {
    return new org.wikipulse.cycle.b.B();
  }
}
