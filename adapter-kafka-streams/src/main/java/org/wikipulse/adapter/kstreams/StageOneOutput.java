package org.wikipulse.adapter.kstreams;

/** What a partition task forwards: a dead letter, or a message for the merger. */
sealed interface StageOneOutput permits DeadLetterValue, MergerMessage {}
