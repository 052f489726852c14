package org.wikipulse.cycle.b;

/** The other half of a deliberate package cycle. */
public class B {
  public org.wikipulse.cycle.a.A a() {
    return new org.wikipulse.cycle.a.A();
  }
}
