package org.wikipulse.adapter.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubjectNameStrategyTest {
  private static final String RECORD = "org.wikimedia.RecentChange";

  @Test
  void namesSubjectsAsConfluentsStrategiesDo() {
    assertThat(SubjectNameStrategy.TOPIC_NAME.subject("recentchange", RECORD, false))
        .isEqualTo("recentchange-value");
    assertThat(SubjectNameStrategy.TOPIC_NAME.subject("recentchange", RECORD, true))
        .isEqualTo("recentchange-key");
    assertThat(SubjectNameStrategy.RECORD_NAME.valueSubject("recentchange", RECORD))
        .isEqualTo(RECORD);
    assertThat(SubjectNameStrategy.TOPIC_RECORD_NAME.valueSubject("recentchange", RECORD))
        .isEqualTo("recentchange-org.wikimedia.RecentChange");
  }

  @Test
  void topicNameNeedsNoRecordName() {
    assertThat(SubjectNameStrategy.TOPIC_NAME.valueSubject("edits", null)).isEqualTo("edits-value");
    assertThatThrownBy(() -> SubjectNameStrategy.RECORD_NAME.valueSubject("edits", null))
        .hasMessageContaining("recordFullName");
  }

  @Test
  void readsConfigurationNames() {
    assertThat(SubjectNameStrategy.fromConfig("topic-name"))
        .isEqualTo(SubjectNameStrategy.TOPIC_NAME);
    assertThat(SubjectNameStrategy.fromConfig("RECORD_NAME"))
        .isEqualTo(SubjectNameStrategy.RECORD_NAME);
    assertThat(SubjectNameStrategy.fromConfig("TopicRecordNameStrategy"))
        .isEqualTo(SubjectNameStrategy.TOPIC_RECORD_NAME);
    assertThatThrownBy(() -> SubjectNameStrategy.fromConfig("topic"))
        .hasMessageContaining("topic-name, record-name or topic-record-name");
  }
}
