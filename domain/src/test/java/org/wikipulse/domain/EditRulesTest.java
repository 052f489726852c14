package org.wikipulse.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EditRulesTest {

  @Test
  void countsEditsThatAreNotCanaries() {
    assertThat(EditRules.isCounted(Events.edit(0, true))).isTrue();
    assertThat(EditRules.isCounted(Events.canary(0))).isFalse();
    for (String type : new String[] {"new", "log", "categorize", "external", "142"}) {
      assertThat(EditRules.isCounted(Events.ofType(0, type))).as(type).isFalse();
    }
    assertThat(EditRules.isCounted(null, null)).isFalse();
  }

  @Test
  void theBotFlagDecidesTheActorAndAnAbsentFlagIsUnknownNotNull() {
    assertThat(EditRules.actorOf(Events.edit(0, true))).isEqualTo(Actor.BOT);
    assertThat(EditRules.actorOf(Events.edit(0, false))).isEqualTo(Actor.HUMAN);
    assertThat(EditRules.actorOf(Events.edit(0, null))).isEqualTo(Actor.UNKNOWN);
  }

  @Test
  void labelsRoundTrip() {
    assertThat(Actor.BOT.label()).isEqualTo("Bot");
    assertThat(Actor.HUMAN.label()).isEqualTo("Human");
    assertThat(Actor.UNKNOWN.label()).isEqualTo("Unknown");
    for (Actor actor : Actor.values()) {
      assertThat(Actor.fromLabel(actor.label())).isEqualTo(actor);
    }
    assertThatThrownBy(() -> Actor.fromLabel("bot")).hasMessageContaining("Unknown actor label");
  }
}
