package org.wikipulse.app.violation;

import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/** Deliberately bad: the app creating a topic itself instead of through the topics module. */
public class AppCreatingTopics {
  public void create(Admin admin) {
    admin.createTopics(List.of(new NewTopic("t", 1, (short) 1)));
  }
}
