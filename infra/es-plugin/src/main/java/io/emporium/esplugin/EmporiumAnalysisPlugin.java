package io.emporium.esplugin;

import io.emporium.esplugin.analysis.AnalysisComponents;
import io.emporium.esplugin.rest.RestRootAction;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.elasticsearch.cluster.node.DiscoveryNodes;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.features.NodeFeature;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.rest.RestHandler;
import org.jspecify.annotations.Nullable;

/**
 * Makes Elasticsearch's minimal integ-test distribution serve what Emporium needs from a full node: the
 * analysis-common token filters and tokenizers its indices are defined with, and {@code GET /} for the Java client.
 * Names and options are the official ones, so the same index definitions work against a full node.
 */
public final class EmporiumAnalysisPlugin extends Plugin implements AnalysisPlugin, ActionPlugin {

    private volatile @Nullable ClusterService clusterService;

    @Override
    public Collection<?> createComponents(PluginServices services) {
        clusterService = services.clusterService();
        return List.of();
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return AnalysisComponents.tokenFilters();
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return AnalysisComponents.tokenizers();
    }

    @Override
    public Collection<RestHandler> getRestHandlers(RestHandlersServices services,
            Supplier<DiscoveryNodes> nodesInCluster, Predicate<NodeFeature> clusterSupportsFeature) {
        return List.of(new RestRootAction(this::clusterService));
    }

    private ClusterService clusterService() {
        var service = clusterService;
        if (service == null) {
            throw new IllegalStateException("the node has not built its components yet");
        }
        return service;
    }
}
