package org.wikipulse.adapter.kstreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SourceLayoutTest {

  @Test
  void oneTopicOfFourPartitionsHasOneSourcePerTask() {
    SourceLayout layout = new SourceLayout(List.of(new InputTopic("in", 4)));

    assertThat(layout.sourceCount()).isEqualTo(4);
    assertThat(layout.sourceOf("in", 3)).isEqualTo(3);
    assertThat(layout.sourcesOfTask(2)).containsExactly(2);
  }

  @Test
  void topicsOfOnePartitionAreSourcesOfTheSameTask() {
    SourceLayout layout = new SourceLayout(List.of(new InputTopic("a", 1), new InputTopic("b", 1)));

    assertThat(layout.sourceCount()).isEqualTo(2);
    assertThat(layout.sourceOf("b", 0)).isEqualTo(1);
    assertThat(layout.sourcesOfTask(0)).containsExactly(0, 1);
    assertThat(layout.sourcesOfTask(1)).isEmpty();
  }

  @Test
  void topicsOfDifferentWidthsAreNumberedTopicByTopic() {
    SourceLayout layout = new SourceLayout(List.of(new InputTopic("a", 3), new InputTopic("b", 2)));

    assertThat(layout.sourceOf("b", 1)).isEqualTo(4);
    assertThat(layout.sourcesOfTask(1)).containsExactly(1, 4);
    assertThat(layout.sourcesOfTask(2)).containsExactly(2);
  }

  @Test
  void aTopicListedTwiceOrARecordOfAnotherTopicIsAnError() {
    assertThatThrownBy(
            () -> new SourceLayout(List.of(new InputTopic("a", 1), new InputTopic("a", 2))))
        .hasMessageContaining("listed twice");
    SourceLayout layout = new SourceLayout(List.of(new InputTopic("a", 1)));
    assertThatThrownBy(() -> layout.sourceOf("z", 0)).hasMessageContaining("'z'");
  }
}
