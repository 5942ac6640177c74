package io.emporium.esplugin.rest;

import static org.elasticsearch.rest.RestRequest.Method.GET;
import static org.elasticsearch.rest.RestRequest.Method.HEAD;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import org.elasticsearch.Build;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.cluster.metadata.Metadata;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.index.IndexVersion;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.RestResponse;
import org.elasticsearch.rest.RestStatus;

/**
 * {@code GET /} and {@code HEAD /}: the node's identity, the document a full node's rest-root module serves. Clients
 * read it to check they talk to a compatible Elasticsearch ({@code info()}) or that the node is up ({@code ping()}).
 */
public final class RestRootAction extends BaseRestHandler {

    private final Supplier<ClusterService> clusterService;

    /** @param clusterService the node's cluster service, known only once the node has built its components */
    public RestRootAction(Supplier<ClusterService> clusterService) {
        this.clusterService = clusterService;
    }

    @Override
    public String getName() {
        return "main_action";
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route(GET, "/"), new Route(HEAD, "/"));
    }

    /** Answering must stay possible when memory is short: it is how operators check the node. */
    @Override
    public boolean canTripCircuitBreaker() {
        return false;
    }

    @Override
    protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) throws IOException {
        var cluster = clusterService.get();
        var state = cluster.state();
        var metadata = state.metadata();
        // Until the cluster has committed its UUID, a full node shows it as unknown rather than a provisional one.
        var clusterUuid = metadata.clusterUUIDCommitted() ? metadata.clusterUUID() : Metadata.UNKNOWN_CLUSTER_UUID;
        var build = Build.current();
        return channel -> {
            var body = channel.newBuilder();
            if (!request.hasParam("pretty")) {
                body.prettyPrint().lfAtEnd();
            }
            body.startObject()
                    .field("name", cluster.getNodeName())
                    .field("cluster_name", state.getClusterName().value())
                    .field("cluster_uuid", clusterUuid)
                    .startObject("version")
                    .field("number", build.qualifiedVersion())
                    .field("build_flavor", build.flavor())
                    .field("build_type", build.type().displayName())
                    .field("build_hash", build.hash())
                    .field("build_date", build.date())
                    .field("build_snapshot", build.isSnapshot())
                    .field("lucene_version", IndexVersion.current().luceneVersion().toString())
                    .field("minimum_wire_compatibility_version", build.minWireCompatVersion())
                    .field("minimum_index_compatibility_version", build.minIndexCompatVersion())
                    .endObject()
                    .field("tagline", "You Know, for Search")
                    .endObject();
            channel.sendResponse(new RestResponse(RestStatus.OK, body));
        };
    }
}
