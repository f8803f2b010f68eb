package io.usercounter.e2e.supervisor;

import io.fabric8.kubernetes.api.model.Service;
import io.usercounter.e2e.stack.StackDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One proxy per Service with a selector, published as {@code services/<namespace>.<name>.port}. */
final class ServiceProxies implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceProxies.class);

    /** Finds the ports of the ready pods in a namespace whose labels carry every pair of a selector. */
    interface Endpoints {
        List<Integer> readyPorts(String namespace, Map<String, String> selector);
    }

    private final StackDirectory stack;
    private final Endpoints endpoints;
    private final Map<String, ServiceProxy> proxies = new HashMap<>();

    ServiceProxies(StackDirectory stack, Endpoints endpoints) {
        this.stack = stack;
        this.endpoints = endpoints;
    }

    void sync(List<Service> services) {
        Set<String> wanted = services.stream()
                .filter(s -> s.getSpec().getSelector() != null
                        && !s.getSpec().getSelector().isEmpty())
                .map(this::open)
                .collect(Collectors.toSet());
        proxies.keySet().stream().filter(key -> !wanted.contains(key)).toList().forEach(this::remove);
    }

    private String open(Service service) {
        String namespace = service.getMetadata().getNamespace();
        String name = service.getMetadata().getName();
        String key = namespace + "." + name;
        Map<String, String> selector = Map.copyOf(service.getSpec().getSelector());
        ServiceProxy existing = proxies.get(key);
        if (existing != null) {
            existing.retarget(selectorSupplier(namespace, selector));
            return key;
        }
        try {
            ServiceProxy proxy = new ServiceProxy(key, selectorSupplier(namespace, selector));
            StackDirectory.publish(stack.servicePort(namespace, name), Integer.toString(proxy.port()));
            proxies.put(key, proxy);
            LOG.info("service {}/{} is at 127.0.0.1:{}", namespace, name, proxy.port());
        } catch (IOException e) {
            LOG.error("service {}/{} cannot be mapped: {}", namespace, name, e.toString());
        }
        return key;
    }

    private Supplier<List<Integer>> selectorSupplier(String namespace, Map<String, String> selector) {
        return () -> endpoints.readyPorts(namespace, selector);
    }

    private void remove(String key) {
        proxies.remove(key).close();
        try {
            Files.deleteIfExists(stack.services().resolve(key + ".port"));
        } catch (IOException e) {
            LOG.warn("cannot remove the port file of {}: {}", key, e.toString());
        }
        LOG.info("service {} unmapped", key);
    }

    @Override
    public void close() {
        List.copyOf(proxies.keySet()).forEach(this::remove);
    }
}
