package dev.offload.load;

import java.nio.file.Path;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * Gatling 3.13 looks up its latest release on Maven Central's search site at start, unless its Java preferences say
 * it checked recently. The injector JVMs get a preferences root of their own ({@code -Djava.util.prefs.userRoot})
 * seeded here with "checked just now, no answer", so no run makes that call: load tests talk to the target only.
 */
final class GatlingPrefs {
    /** Where gatling-commons' LatestGatlingRelease keeps its state. */
    private static final String NODE = "/io/gatling/latestVersion";

    private GatlingPrefs() {
    }

    static synchronized void seed(Path userRoot) {
        String previous = System.getProperty("java.util.prefs.userRoot");
        if (previous == null) {
            // read once, when the preferences factory starts: set before the first use in this JVM
            System.setProperty("java.util.prefs.userRoot", userRoot.toString());
        }
        try {
            Preferences node = Preferences.userRoot().node(NODE);
            node.putLong("lastCheckTimestamp", System.currentTimeMillis());
            node.putBoolean("lastCheckSuccess", false);
            node.flush();
        } catch (BackingStoreException | SecurityException e) {
            System.err.println("[load] cannot seed Gatling's version-check preferences: " + e);
        }
    }
}
