/**
 * One declared-RPC transport for jxapi's daemons: JSON-RPC (2.0 out, 1.0 and 2.0 in) over HTTP/1.1
 * on a Unix domain socket, the calls derived once from an API interface. Private like the rest of
 * org.jxapi.common: a bundle that uses it embeds it (cnf/build.bnd's -conditionalpackage) and
 * declares Jetty itself (jetty-server and jetty-unixdomain-server; the client uses only jetty-http and
 * jetty-util, which come with them), since this module's Jetty dependencies are optional.
 *
 * <p>An API binds it in four pieces, all in its own bundle (xenops-server's XenopsCalls,
 * XenopsRpcDispatcher, RpcServer and XenopsClient are the example):
 * <ol>
 * <li>An annotation in the API's exported package (an annotation class embedded twice would be two
 * classes), read into a {@link org.jxapi.common.rpc.CallSpec} by a {@code Function<Method, CallSpec>}:
 * wire name, parameter names, option and pair parameters, aliases. Null for a method that is no call.
 * <li>An {@link org.jxapi.common.rpc.RpcCodec} over the API's JSON mapping (parse, write, toPlain,
 * fromPlain); the transport holds no JSON library.
 * <li>An {@link org.jxapi.common.rpc.RpcErrors}: failures to the API's error as JSON-RPC error data,
 * and error data back to the API's exception, so clients see the API's own error codes.
 * <li>One {@link org.jxapi.common.rpc.CallTable} of the interface, shared by both sides.
 * </ol>
 *
 * <pre>{@code
 * CallTable calls = CallTable.of(Networkd.class, m -> {
 *     NetworkdCall c = m.getAnnotation(NetworkdCall.class);
 *     return c == null ? null : new CallSpec(c.value(), List.of(c.params()), Set.of(), Set.of(), Set.of());
 * }, NetworkdJson.CODEC);
 * // server: on activate / deactivate
 * UnixRpcServer server = new UnixRpcServer(socket, new RpcDispatcher(calls, impl, ERRORS), "networkd-rpc");
 * server.start();  ...  server.stop();
 * // client: a proxy of an interface extending the API and AutoCloseable
 * NetworkdClient c = RpcClient.proxy(NetworkdClient.class, new RpcClient(socket, calls, ERRORS, "networkd-client"),
 *         (proxy, method, args) -> { throw new UnsupportedOperationException(method.toString()); });
 * }</pre>
 *
 * <p>Threads: the server answers each request on a pool thread, so the implementation must be
 * thread-safe; the client is safe for concurrent callers and keeps a pool of connections.
 */
package org.jxapi.common.rpc;
