/**
 * The Offload TCK: a conformance kit for HTTP servers that hand work to other threads.
 *
 * <p>One check per behaviour ID of {@code SPEC.md} ({@link dev.offload.spec.Behaviour}), each a method named after
 * its grade and ID ({@code required_TIMEOUT_2_deadlineAnswers408AndInterruptsWork}) with a doc comment saying what it
 * asks and, if it fails, what to look at. Checks speak HTTP only ({@link java.net.http.HttpClient}, raw sockets
 * where a connection must be pinned, cut or fed garbage, a minimal h2c client for stream resets), so any server in
 * any language can be checked. Each returns a {@link dev.offload.tck.Verdict}: PASS, FAIL with the measured figure,
 * SKIPPED with the reason, or ERROR when the server did not start or stopped answering. Verdicts say what SPEC.md
 * expected and what arrived ({@link dev.offload.tck.Evidence}), never an exception name.
 *
 * <p>Use it from your own JUnit 5 tests ({@link dev.offload.tck.junit.OffloadTck}: one dynamic test per behaviour):
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> offload() {
 *     return OffloadTck.launching("./my-server --port={port} {config}").settings("--slowDeadline=300ms").tests();
 * }
 * }</pre>
 * or for a report only, {@code Tck.run(target, Tck.Options.defaults())}, or from the command line
 * ({@link dev.offload.tck.Main}):
 * {@code java -jar offload-tck-cli.jar --target=http://127.0.0.1:8080}.
 */
package dev.offload.tck;
