package io.usercounter.app.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Installs the bearer-token check on the REST API only when COUNTER_AUTH_TOKEN is set. */
@Configuration(proxyBeanMethods = false)
class WriteAccessConfiguration implements WebMvcConfigurer {

    private final AuthProperties auth;

    WriteAccessConfiguration(AuthProperties auth) {
        this.auth = auth;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        if (auth.required()) {
            registry.addInterceptor(new BearerTokenCheck(auth.authToken())).addPathPatterns("/api/v1/**");
        }
    }
}
