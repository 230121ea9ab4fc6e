/**
 * The Offload TCK: a conformance kit for HTTP servers that hand work to other threads.
 *
 * <p>One check per behaviour ID of {@code SPEC.md} ({@link dev.offload.spec.Behaviour}), each a method named after
 * its grade and ID ({@code required_TIMEOUT_2_deadlineAnswers408AndInterruptsWork}) with a doc comment saying what it
 * asks and, if it fails, what to look at. Checks speak HTTP only ({@link java.net.http.HttpClient}, raw sockets
 * where a connection must be pinned, cut or fed garbage, a minimal h2c client for stream resets), so any server in
 * any language can be checked. Each returns a {@link dev.offload.tck.Verdict}: PASS, FAIL with the measured figure,
 * or SKIPPED with the reason.
 *
 * <p>Use it from your own tests:
 * <pre>{@code
 * Target target = Target.of("my-server", URI.create("http://127.0.0.1:8080"), OffloadConfig.defaults())
 *         .withLauncher(new CommandLauncher("./my-server --port={port}"));   // optional: enables DRAIN-*
 * ServerReport report = Tck.run(target, Tck.Options.defaults());
 * Matrix.write(List.of(report), Path.of("target/conformance"));
 * assertTrue(report.requiredFailures().isEmpty(), report.summary());
 * }</pre>
 * or from the command line ({@link dev.offload.tck.Main}):
 * {@code java -jar offload-tck-cli.jar --target=http://127.0.0.1:8080}.
 */
package dev.offload.tck;
