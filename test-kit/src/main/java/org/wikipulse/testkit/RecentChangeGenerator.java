package org.wikipulse.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * A synthetic, endless stream of RecentChange records shaped like Wikimedia's: about 22 % bot
 * edits, a bot flag absent in about 1 %, a mix of edit, categorize, log and new events, about 40
 * wikis with a long tail, a few canary events, and strings of real lengths so that a record encodes
 * to about 650 bytes. Event time advances at a set rate; about a third of the events come late, by
 * at most the set maximum disorder. The same seed gives the same stream. Not thread-safe.
 */
public final class RecentChangeGenerator {
  /** Share of events whose bot flag is true. */
  public static final double BOT_SHARE = 0.22;

  /** Share of events without a bot flag. */
  public static final double ABSENT_BOT_FLAG_SHARE = 0.01;

  /** Share of events that are canaries (an edit whose {@code meta.domain} is canary). */
  public static final double CANARY_SHARE = 0.002;

  private static final double LATE_SHARE = 0.3;
  private static final String[] TYPES = {"edit", "categorize", "log", "new"};
  private static final double[] TYPE_SHARES = {0.64, 0.22, 0.09, 0.05};
  private static final String[][] LOG_KINDS = {
    {"newusers", "create", "{\"userid\":%n}", "New user account"},
    {"delete", "delete", "[]", "deleted &quot;[[%s]]&quot;: housekeeping"},
    {"patrol", "patrol", "{\"curid\":%n,\"previd\":0,\"auto\":0}", "marked a revision of %s"},
    {"thanks", "thank", "[]", "thanked the author of %s"},
    {"block", "block", "{\"duration\":\"1 week\",\"flags\":\"nocreate\"}", "blocked %s"},
    {"upload", "upload", "{\"img_sha1\":\"%n\",\"img_timestamp\":\"20240426\"}", "uploaded %s"},
  };
  private static final long[] NAMESPACES = {0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 6, 10, 14, 118};
  private static final String[] WORDS = {
    "History",
    "of",
    "the",
    "Battle",
    "River",
    "County",
    "Championship",
    "List",
    "Station",
    "Album",
    "National",
    "Football",
    "League",
    "Church",
    "University",
    "Island",
    "Museum",
    "Railway",
    "Election",
    "Party",
    "Mountain",
    "Lake",
    "Prize",
    "Film",
    "Song",
    "Album",
    "Kingdom",
    "Dynasty",
    "Theorem",
    "Protein",
    "Species",
    "Airport",
    "District",
    "Village",
    "Castle",
    "Olympics",
    "Cup",
    "Season",
    "Tour",
    "Festival",
    "Award",
    "Company",
    "Bridge",
  };
  private static final String[] COMMENTS = {
    "/* Career */ fixed typo",
    "/* References */ add citation",
    "Reverted edits by [[Special:Contributions/%u|%u]] ([[User talk:%u|talk]]) to last version",
    "Undid revision %r by [[Special:Contributions/%u|%u]] ([[User talk:%u|talk]]) unsourced",
    "[[Property:P31]]: [[Q5]], #quickstatements; invoked by batch",
    "/* wbsetclaim-create:2||1 */ [[Property:P570]]: 2 February 1931",
    "Added link to the article in another language",
    "",
    "copyedit, removed duplicate links per [[MOS:DUPLINK]]",
    "Bot: Fixing double redirect to [[%t]]",
  };
  private static final String[][] WIKIS = wikis();

  private final Schema schema;
  private final Schema metaSchema;
  private final Schema lengthSchema;
  private final Schema revisionSchema;
  private final SplittableRandom random;
  private final long startMillis;
  private final double millisPerEvent;
  private final long maxDisorderSeconds;
  private final double[] wikiCumulative;
  private final String[] users;
  private long sequence;
  private long lastSecond = Long.MIN_VALUE;
  private String lastSecondText;

  /**
   * @param schema the RecentChange schema the records are of (version 1 of wikipulse's, or one with
   *     the same fields)
   * @param seed the same seed gives the same stream
   * @param start the event time of the first event
   * @param eventsPerSecond how fast event time advances, in events per second of event time
   * @param maxDisorder how far behind the newest event time so far an event may be; whole seconds
   */
  public RecentChangeGenerator(
      Schema schema, long seed, Instant start, double eventsPerSecond, Duration maxDisorder) {
    this.schema = Objects.requireNonNull(schema, "schema");
    this.metaSchema = schema.getField("meta").schema();
    this.lengthSchema = nonNull(schema.getField("length").schema());
    this.revisionSchema = nonNull(schema.getField("revision").schema());
    Objects.requireNonNull(start, "start");
    if (!(eventsPerSecond > 0)) {
      throw new IllegalArgumentException(
          "eventsPerSecond must be positive, was " + eventsPerSecond);
    }
    if (maxDisorder == null || maxDisorder.isNegative()) {
      throw new IllegalArgumentException(
          "maxDisorder must be zero or positive, was " + maxDisorder);
    }
    this.random = new SplittableRandom(seed);
    this.startMillis = start.toEpochMilli();
    this.millisPerEvent = 1000.0 / eventsPerSecond;
    this.maxDisorderSeconds = maxDisorder.toSeconds();
    this.wikiCumulative = zipfCumulative(WIKIS.length);
    this.users = users(new SplittableRandom(seed ^ 0x5DEECE66DL), 5000);
  }

  /** 50 events per second of event time from 2024-04-26T00:00:00Z, out of order by up to 10 s. */
  public static RecentChangeGenerator withDefaults(Schema schema, long seed) {
    return new RecentChangeGenerator(
        schema, seed, Instant.parse("2024-04-26T00:00:00Z"), 50, Duration.ofSeconds(10));
  }

  /** The next {@code count} records. */
  public List<GenericRecord> next(int count) {
    List<GenericRecord> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      records.add(next());
    }
    return records;
  }

  /** The next record, of the generator's schema. */
  public GenericRecord next() {
    long n = sequence++;
    long baseSecond = Math.floorDiv(startMillis + (long) (n * millisPerEvent), 1000L);
    long second = baseSecond;
    if (maxDisorderSeconds > 0 && random.nextDouble() < LATE_SHARE) {
      second -= random.nextLong(maxDisorderSeconds + 1);
    }
    boolean canary = random.nextDouble() < CANARY_SHARE;
    String[] wiki = canary ? new String[] {"canarywiki", "canary"} : pickWiki();
    String type = canary ? "edit" : TYPES[pick(TYPE_SHARES)];
    double botDraw = random.nextDouble();
    Boolean bot = botDraw < ABSENT_BOT_FLAG_SHARE ? null : botDraw < BOT_SHARE + 0.01;
    String user = Boolean.TRUE.equals(bot) ? users[random.nextInt(200)] + "Bot" : pickUser();
    long rcid = 1_769_695_961L + n;
    String server = wiki[1];
    String serverUrl = "https://" + server;
    long namespace = type.equals("categorize") ? 14 : NAMESPACES[random.nextInt(NAMESPACES.length)];
    String title = title(namespace, type);
    String titleUrl = serverUrl + "/wiki/" + title.replace(' ', '_');

    GenericData.Record meta = new GenericData.Record(metaSchema);
    meta.put("domain", server);
    meta.put("dt", isoSecond(second));
    meta.put("stream", "mediawiki.recentchange");
    meta.put("uri", titleUrl);
    meta.put("request_id", uuid());
    meta.put("id", uuid());
    meta.put("topic", "eqiad.mediawiki.recentchange");
    meta.put("partition", 0);
    meta.put("offset", 5_050_435_621L + n);

    GenericData.Record record = new GenericData.Record(schema);
    record.put("type", type);
    record.put("timestamp", second);
    record.put("bot", bot);
    record.put("id", rcid);
    record.put("namespace", namespace);
    record.put("title", title);
    record.put("user", user);
    record.put("wiki", wiki[0]);
    record.put("server_name", server);
    record.put("meta", meta);
    record.put("schema_uri", "/mediawiki/recentchange/1.0.0");
    record.put("title_url", titleUrl);
    String comment = comment(user, title);
    record.put("comment", comment);
    record.put("parsedcomment", parsed(comment, title));
    record.put("server_url", serverUrl);
    record.put("server_script_path", "/w");
    if (!wiki[0].equals("enwiki") && random.nextBoolean()) {
      record.put("patrolled", random.nextBoolean());
    }
    switch (type) {
      case "edit", "new" -> putRevision(record, type, serverUrl, n);
      case "log" -> putLog(record, title, user, n);
      default -> record.put("notify_url", titleUrl);
    }
    return record;
  }

  private void putRevision(GenericData.Record record, String type, String serverUrl, long n) {
    boolean isNew = type.equals("new");
    long newRevision = 1_220_000_000L + 3 * n;
    Long oldRevision = isNew ? null : newRevision - 1 - random.nextLong(5_000_000);
    Long oldLength = isNew ? null : 100 + random.nextLong(200_000);
    long newLength =
        isNew ? 50 + random.nextLong(20_000) : Math.max(0, oldLength - 500 + random.nextLong(2500));
    record.put("minor", random.nextDouble() < 0.3);
    GenericData.Record length = new GenericData.Record(lengthSchema);
    length.put("old", oldLength);
    length.put("new", newLength);
    record.put("length", length);
    GenericData.Record revision = new GenericData.Record(revisionSchema);
    revision.put("old", oldRevision);
    revision.put("new", newRevision);
    record.put("revision", revision);
    record.put(
        "notify_url",
        isNew
            ? serverUrl + "/w/index.php?oldid=" + newRevision
            : serverUrl + "/w/index.php?diff=" + newRevision + "&oldid=" + oldRevision);
  }

  private void putLog(GenericData.Record record, String title, String user, long n) {
    String[] kind = LOG_KINDS[random.nextInt(LOG_KINDS.length)];
    record.put("log_id", 161_650_906L + n);
    record.put("log_type", kind[0]);
    record.put("log_action", kind[1]);
    record.put("log_params", kind[2].replace("%n", Long.toString(40_000_000L + n)));
    record.put("log_action_comment", kind[3].replace("%s", title));
  }

  private String title(long namespace, String type) {
    StringBuilder title = new StringBuilder(48);
    if (namespace == 14 || type.equals("categorize")) {
      title.append("Category:");
    } else if (namespace == 2 || namespace == 3) {
      title.append(namespace == 2 ? "User:" : "User talk:").append(pickUser());
      return title.toString();
    } else if (namespace == 1) {
      title.append("Talk:");
    }
    int words = 1 + random.nextInt(4);
    for (int i = 0; i < words; i++) {
      if (i > 0) {
        title.append(' ');
      }
      title.append(WORDS[random.nextInt(WORDS.length)]);
    }
    if (random.nextInt(4) == 0) {
      title.append(" (").append(1900 + random.nextInt(125)).append(')');
    }
    return title.toString();
  }

  private String comment(String user, String title) {
    String template = COMMENTS[random.nextInt(COMMENTS.length)];
    if (template.indexOf('%') < 0) {
      return template;
    }
    return template
        .replace("%u", user)
        .replace("%t", title)
        .replace("%r", Long.toString(1_200_000_000L + random.nextLong(20_000_000)));
  }

  private static String parsed(String comment, String title) {
    String plain = comment.replace("[[", "").replace("]]", "");
    if (!comment.startsWith("/*")) {
      return plain;
    }
    return "<span class=\"autocomment\"><a href=\"/wiki/"
        + title.replace(' ', '_')
        + "\">→‎</a></span> "
        + plain;
  }

  private String uuid() {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  private String isoSecond(long second) {
    if (second != lastSecond) {
      lastSecond = second;
      lastSecondText = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(second));
    }
    return lastSecondText;
  }

  private String[] pickWiki() {
    double draw = random.nextDouble();
    for (int i = 0; i < wikiCumulative.length; i++) {
      if (draw < wikiCumulative[i]) {
        return WIKIS[i];
      }
    }
    return WIKIS[WIKIS.length - 1];
  }

  private String pickUser() {
    return users[random.nextInt(users.length)];
  }

  private int pick(double[] shares) {
    double draw = random.nextDouble();
    double cumulative = 0;
    for (int i = 0; i < shares.length; i++) {
      cumulative += shares[i];
      if (draw < cumulative) {
        return i;
      }
    }
    return shares.length - 1;
  }

  private static double[] zipfCumulative(int size) {
    double[] cumulative = new double[size];
    double sum = 0;
    for (int i = 0; i < size; i++) {
      sum += 1.0 / Math.pow(i + 1, 1.1);
      cumulative[i] = sum;
    }
    for (int i = 0; i < size; i++) {
      cumulative[i] /= sum;
    }
    return cumulative;
  }

  private static String[] users(SplittableRandom random, int count) {
    String[] users = new String[count];
    for (int i = 0; i < count; i++) {
      if (random.nextInt(5) == 0) {
        users[i] =
            random.nextInt(256)
                + "."
                + random.nextInt(256)
                + "."
                + random.nextInt(256)
                + "."
                + random.nextInt(256);
      } else {
        StringBuilder name = new StringBuilder();
        name.append(WORDS[random.nextInt(WORDS.length)]);
        name.append(WORDS[random.nextInt(WORDS.length)].toLowerCase());
        if (random.nextBoolean()) {
          name.append(random.nextInt(1000));
        }
        users[i] = name.toString();
      }
    }
    return users;
  }

  private static String[][] wikis() {
    String[] ids = {
      "wikidatawiki",
      "commonswiki",
      "enwiki",
      "dewiki",
      "frwiki",
      "eswiki",
      "jawiki",
      "ruwiki",
      "itwiki",
      "zhwiki",
      "plwiki",
      "ptwiki",
      "nlwiki",
      "arwiki",
      "svwiki",
      "ukwiki",
      "fawiki",
      "viwiki",
      "idwiki",
      "kowiki",
      "trwiki",
      "hewiki",
      "cswiki",
      "fiwiki",
      "huwiki",
      "nowiki",
      "rowiki",
      "cawiki",
      "srwiki",
      "enwiktionary",
      "frwiktionary",
      "dewiktionary",
      "metawiki",
      "mediawikiwiki",
      "specieswiki",
      "enwikisource",
      "enwikibooks",
      "enwikivoyage",
      "enwikiquote",
      "enwikinews",
    };
    String[][] wikis = new String[ids.length][];
    for (int i = 0; i < ids.length; i++) {
      wikis[i] = new String[] {ids[i], serverName(ids[i])};
    }
    return wikis;
  }

  private static String serverName(String wiki) {
    return switch (wiki) {
      case "wikidatawiki" -> "www.wikidata.org";
      case "commonswiki" -> "commons.wikimedia.org";
      case "metawiki" -> "meta.wikimedia.org";
      case "mediawikiwiki" -> "www.mediawiki.org";
      case "specieswiki" -> "species.wikimedia.org";
      default -> {
        for (String project :
            new String[] {
              "wiktionary", "wikisource", "wikibooks", "wikivoyage", "wikiquote", "wikinews"
            }) {
          if (wiki.endsWith(project)) {
            yield wiki.substring(0, wiki.length() - project.length()) + "." + project + ".org";
          }
        }
        yield wiki.substring(0, wiki.length() - "wiki".length()) + ".wikipedia.org";
      }
    };
  }

  private static Schema nonNull(Schema union) {
    return union.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().get();
  }
}
