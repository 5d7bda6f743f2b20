package xyz.keystoneos.activity.internal;

import java.lang.reflect.RecordComponent;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import tools.jackson.databind.JsonNode;

/**
 * Remembers the {@code id} of the answer to a state-changing {@code /v1} call (a record component, map entry or
 * JSON member named {@code id}), so that the activity entry of a creation names what was created without a second
 * query or buffering the response body.
 */
@RestControllerAdvice
class ResourceIdCapture implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
            ServerHttpResponse response) {
        if (body != null && request instanceof ServletServerHttpRequest servlet
                && !"GET".equals(servlet.getServletRequest().getMethod())
                && servlet.getServletRequest().getRequestURI().startsWith("/v1/")) {
            Object id = idOf(body);
            if (id != null) {
                servlet.getServletRequest().setAttribute(ActivityInterceptor.ANSWERED_ID, id.toString());
            }
        }
        return body;
    }

    static Object idOf(Object body) {
        try {
            if (body instanceof JsonNode node) {
                JsonNode id = node.get("id");
                return id == null || id.isNull() ? null : id.asString();
            }
            if (body instanceof Map<?, ?> map) {
                return map.get("id");
            }
            if (body.getClass().isRecord()) {
                for (RecordComponent component : body.getClass().getRecordComponents()) {
                    if (component.getName().equals("id")) {
                        component.getAccessor().setAccessible(true);
                        return component.getAccessor().invoke(body);
                    }
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
