// Reads generate_load's JSON summary histograms and --hdr-log interval log
// with HdrHistogram's own Java library, and checks what it decodes:
//   java -cp hdrhistogram.jar HdrJavaCheck.java SUMMARY.json LOG.hlog
// Prints "NAME count=N p50=V p99=V max=V" per summary histogram (values
// as HdrHistogram reports them: the top of the bucket) and
// "log TAG intervals=N count=N" per tag of the log ("-" untagged); exits 1
// when a decoded count or max disagrees with the summary's exact fields.
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

public class HdrJavaCheck {
  public static void main(String[] args) throws Exception {
    String json = Files.readString(Path.of(args[0]));
    Pattern p = Pattern.compile("\"(response_time|service_time|send_lag)\": \\{\\s*\"count\": (\\d+),\\s*"
        + "\"sum_ns\": \\d+,\\s*\"min_ns\": (\\d+),\\s*\"max_ns\": (\\d+),\\s*\"hdr\": \"([^\"]+)\"");
    Matcher m = p.matcher(json);
    int found = 0;
    boolean ok = true;
    while (m.find()) {
      found++;
      String name = m.group(1);
      long count = Long.parseLong(m.group(2));
      long max = Long.parseLong(m.group(4));
      Histogram h = Histogram.decodeFromCompressedByteBuffer(
          ByteBuffer.wrap(Base64.getDecoder().decode(m.group(5))), 0);
      System.out.printf("%s count=%d p50=%d p99=%d max=%d%n", name, h.getTotalCount(),
          h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getMaxValue());
      if (h.getTotalCount() != count) {
        System.out.printf("MISMATCH %s: HdrHistogram decodes %d samples, the summary says %d%n", name,
            h.getTotalCount(), count);
        ok = false;
      }
      if (count > 0 && h.getMaxValue() != h.highestEquivalentValue(max)) {
        System.out.printf("MISMATCH %s: HdrHistogram's max %d is not in the bucket of max_ns %d%n", name,
            h.getMaxValue(), max);
        ok = false;
      }
    }
    if (found != 3) {
      System.out.printf("MISMATCH: %d of the 3 histograms found in %s%n", found, args[0]);
      ok = false;
    }
    Map<String, long[]> perTag = new TreeMap<>();  // tag -> {intervals, count}
    HistogramLogReader reader = new HistogramLogReader(new File(args[1]));
    EncodableHistogram e;
    while ((e = reader.nextIntervalHistogram()) != null) {
      Histogram h = (Histogram) e;
      long[] t = perTag.computeIfAbsent(h.getTag() == null ? "-" : h.getTag(), k -> new long[2]);
      t[0]++;
      t[1] += h.getTotalCount();
    }
    for (Map.Entry<String, long[]> t : perTag.entrySet())
      System.out.printf("log %s intervals=%d count=%d%n", t.getKey(), t.getValue()[0], t.getValue()[1]);
    System.exit(ok ? 0 : 1);
  }
}
