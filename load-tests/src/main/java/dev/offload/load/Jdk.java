package dev.offload.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The JDK the orchestrator runs on (the build's toolchain JDK) is the one every child process uses. */
final class Jdk {
    private Jdk() {
    }

    static String tool(String name) {
        Path tool = Path.of(System.getProperty("java.home"), "bin", name);
        return Files.isExecutable(tool) ? tool.toString() : name;
    }

    /** Runs {@code jcmd <pid> <command...>} and returns its output, or null if it failed or took over 30 s. */
    static String jcmd(long pid, String... command) {
        String[] args = new String[command.length + 2];
        args[0] = tool("jcmd");
        args[1] = Long.toString(pid);
        System.arraycopy(command, 0, args, 2, command.length);
        try {
            Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return null;
            }
            return new String(out);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
