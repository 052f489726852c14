/**
 * The ports of wikipulse: what the domain needs from the outside world, as narrow interfaces and
 * records. Naming convention: plain domain nouns ({@code SchemaRegistry}, {@code EditEventDecoder},
 * {@code AnalysisRuntime}), no {@code Port} suffix. Nothing here knows Spark, Kafka, Scala, Avro or
 * Jackson.
 */
package org.wikipulse.ports;
