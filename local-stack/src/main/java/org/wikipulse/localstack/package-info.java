/**
 * A real Kafka broker and schema registry on 127.0.0.1, for tests ({@link
 * org.wikipulse.localstack.SharedLocalStack}) and for {@code wikipulse local} ({@link
 * org.wikipulse.localstack.LocalStackMain}).
 *
 * <p>Both run as child JVMs rather than in-process or in containers:
 *
 * <ul>
 *   <li>There is no Docker on the machines this builds on, and Confluent's images and jars are not
 *       available; Apicurio Registry's Confluent-compatible API and Kafka's own jars from Maven
 *       are.
 *   <li>The broker is Scala 2.13 ({@code kafka_2.13}), while Spark 3.5 brings Scala 2.12: in one
 *       JVM they clash. The broker's classpath is therefore recorded by the build in {@code
 *       local-stack.properties} and used only by the child; this module itself depends on nothing
 *       but the JDK, so it is safe on every other module's classpath.
 *   <li>Apicurio is a Quarkus application with its own class loading; {@code java -jar} is how it
 *       is meant to run.
 *   <li>A child that misbehaves can be read (one log file each, quoted in start failures) and
 *       killed without taking the tests down with it.
 * </ul>
 *
 * <p>Children never outlive the JVM that started them: {@code close()} (called by the shutdown
 * hooks of the shared stack and of the main class) stops them cleanly, and {@link
 * org.wikipulse.localstack.ParentWatchingMain} makes them exit when their stdin, held by the
 * parent, ends, which also covers a parent killed with {@code kill -9}.
 */
package org.wikipulse.localstack;
