package xyz.keystoneos.activity.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Registers the activity recorder on every {@code /v1} call. */
@Configuration(proxyBeanMethods = false)
class ActivityWebConfiguration implements WebMvcConfigurer {

    private final ActivityWriter writer;

    ActivityWebConfiguration(ActivityWriter writer) {
        this.writer = writer;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ActivityInterceptor(writer)).addPathPatterns("/v1/**");
    }
}
