package xyz.keystoneos.apidocs;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.HandlerMethod;
import xyz.keystoneos.identity.AuthenticatedOnly;
import xyz.keystoneos.identity.RequiresScope;
import xyz.keystoneos.shared.idempotency.IdempotencyKeys;

/**
 * Per {@code /v1} operation: a readable, stable operation id ({@code <controller>.<method>} in snake_case, e.g.
 * {@code instruction.submit}, unless {@code @Operation(operationId)} says otherwise), a tag per controller, the
 * scopes of {@link RequiresScope} as OAuth2 security requirements (any one of them suffices), the optional
 * {@code Keystone-Version} header, the success status the code really answers (201 for creating POSTs, 204 for
 * bodiless DELETEs) and the problem+json error responses that apply.
 */
class ApiOperations implements OperationCustomizer {

    static final String VERSION_PARAMETER = "KeystoneVersion";
    static final String PROBLEM_JSON = "application/problem+json";

    /** Error responses every operation shares, by status. */
    static final Map<String, String> ERRORS = errors();

    private static Map<String, String> errors() {
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("400", "Malformed JSON, missing or unknown fields, wrong types, bad query parameters "
                + "(validation_failed, malformed_json, …)");
        errors.put("401", "Missing, invalid or expired token; revoked client; inactive environment");
        errors.put("403", "The token lacks the scope (insufficient_scope), the platform is suspended, or the "
                + "caller may not act here");
        errors.put("404", "No such resource in your environment");
        errors.put("409", "State conflict, or the idempotency key is still in use");
        errors.put("422", "Business rule violated, or the idempotency key was reused with a different body");
        errors.put("429", "Rate limit exceeded; retry after Retry-After seconds");
        return errors;
    }

    static Parameter versionParameter() {
        return new Parameter().in("header").name("Keystone-Version").required(false)
                .description("API version (e.g. 2026-11-01); defaults to the version the environment is pinned to")
                .schema(OpenApiConfiguration.Schemas.string(null).pattern("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"));
    }

    static ApiResponse problem(String status) {
        ApiResponse response = new ApiResponse().description(ERRORS.get(status))
                .content(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(OpenApiConfiguration.Schemas.ref("Problem"))));
        if (status.equals("429")) {
            response.addHeaderObject("Retry-After", new Header().description("Seconds to wait")
                    .schema(OpenApiConfiguration.Schemas.of("integer")));
        }
        return response;
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        io.swagger.v3.oas.annotations.Operation declared = AnnotatedElementUtils.findMergedAnnotation(
                handler.getMethod(), io.swagger.v3.oas.annotations.Operation.class);
        if (declared == null || declared.operationId().isBlank()) {
            operation.setOperationId(operationId(handler));
        }
        if (declared == null || declared.tags().length == 0) {
            operation.setTags(List.of(tag(handler)));
        }
        RequestMethod method = requestMethod(handler);
        if (!hasDeclaredResponses(handler)) {
            successStatus(operation, handler, method);
        }
        String[] scopes = scopes(handler);
        boolean authenticatedOnly = AnnotatedElementUtils.hasAnnotation(handler.getMethod(), AuthenticatedOnly.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), AuthenticatedOnly.class);
        List<SecurityRequirement> security = new ArrayList<>();
        if (scopes != null) {
            for (String scope : scopes) {
                security.add(new SecurityRequirement().addList(OpenApiConfiguration.SECURITY_SCHEME, scope));
            }
            describe(operation, scopes.length == 1 ? "Requires the scope `" + scopes[0] + "`."
                    : "Requires one of the scopes " + String.join(", ",
                            Arrays.stream(scopes).map(s -> "`" + s + "`").toList()) + ".");
        } else if (authenticatedOnly) {
            security.add(new SecurityRequirement().addList(OpenApiConfiguration.SECURITY_SCHEME, List.of()));
            describe(operation, "Any valid token, whatever its scopes.");
        }
        operation.setSecurity(security.isEmpty() ? null : security);

        List<Parameter> parameters = operation.getParameters() == null ? new ArrayList<>()
                : new ArrayList<>(operation.getParameters());
        parameters.add(new Parameter().$ref("#/components/parameters/" + VERSION_PARAMETER));
        operation.setParameters(parameters);

        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        String path = path(handler);
        boolean writes = method == RequestMethod.POST || method == RequestMethod.PUT || method == RequestMethod.PATCH
                || method == RequestMethod.DELETE;
        boolean body = method != RequestMethod.DELETE && writes;
        for (String status : ERRORS.keySet()) {
            boolean applies = switch (status) {
                case "401", "403" -> !security.isEmpty();
                case "404" -> path.contains("{");
                case "409" -> writes;
                case "422" -> body;
                default -> true;
            };
            if (applies && !responses.containsKey(status)) {
                responses.addApiResponse(status,
                        new ApiResponse().$ref("#/components/responses/" + responseName(status)));
            }
        }
        operation.setResponses(responses);
        return operation;
    }

    static String responseName(String status) {
        return switch (status) {
            case "400" -> "BadRequest";
            case "401" -> "Unauthorized";
            case "403" -> "Forbidden";
            case "404" -> "NotFound";
            case "409" -> "Conflict";
            case "422" -> "UnprocessableContent";
            case "429" -> "TooManyRequests";
            default -> throw new IllegalArgumentException(status);
        };
    }

    private static void describe(Operation operation, String text) {
        String description = operation.getDescription();
        operation.setDescription(description == null || description.isBlank() ? text : description + "\n\n" + text);
    }

    /** 201 (and 200 for an idempotent replay) for creating POSTs, 204 for bodiless answers. */
    private static void successStatus(Operation operation, HandlerMethod handler, RequestMethod method) {
        ApiResponses responses = operation.getResponses();
        if (responses == null || !responses.containsKey("200")) {
            return;
        }
        MethodParameter returned = handler.getReturnType();
        if (!ResponseEntity.class.isAssignableFrom(returned.getParameterType())) {
            return;
        }
        Class<?> body = returned.nested().getNestedParameterType();
        ApiResponse ok = responses.get("200");
        if (body == Void.class) {
            responses.remove("200");
            responses.addApiResponse("204", new ApiResponse().description("No content"));
        } else if (method == RequestMethod.POST) {
            boolean idempotent = Arrays.stream(handler.getMethodParameters())
                    .map(p -> p.getParameterAnnotation(RequestHeader.class))
                    .anyMatch(h -> h != null && IdempotencyKeys.HEADER.equalsIgnoreCase(
                            h.name().isEmpty() ? h.value() : h.name()));
            responses.remove("200");
            responses.addApiResponse("201", new ApiResponse().description("Created").content(ok.getContent()));
            if (idempotent) {
                responses.addApiResponse("200", new ApiResponse()
                        .description("Idempotent replay: the resource created by the first request with this key "
                                + "(header Idempotent-Replayed: true)")
                        .content(ok.getContent()));
            }
        }
    }

    private static boolean hasDeclaredResponses(HandlerMethod handler) {
        return AnnotatedElementUtils.hasAnnotation(handler.getMethod(), ResponseStatus.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getMethod(),
                        io.swagger.v3.oas.annotations.responses.ApiResponse.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getMethod(),
                        io.swagger.v3.oas.annotations.responses.ApiResponses.class);
    }

    static String[] scopes(HandlerMethod handler) {
        RequiresScope required = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequiresScope.class);
        if (required == null) {
            required = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequiresScope.class);
        }
        return required == null ? null : required.value();
    }

    private static RequestMethod requestMethod(HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        return mapping == null || mapping.method().length == 0 ? RequestMethod.GET : mapping.method()[0];
    }

    private static String path(HandlerMethod handler) {
        StringBuilder path = new StringBuilder();
        RequestMapping type = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequestMapping.class);
        if (type != null && type.path().length > 0) {
            path.append(type.path()[0]);
        }
        RequestMapping method = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        if (method != null && method.path().length > 0) {
            path.append(method.path()[0]);
        }
        return path.toString();
    }

    /** {@code InstructionController#submit} is {@code instruction.submit}. */
    static String operationId(HandlerMethod handler) {
        return snake(stem(handler.getBeanType())) + "." + snake(handler.getMethod().getName());
    }

    /** {@code WebhookEndpointController} is "Webhook endpoint". */
    static String tag(HandlerMethod handler) {
        String words = snake(stem(handler.getBeanType())).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String stem(Class<?> controller) {
        String name = org.springframework.util.ClassUtils.getUserClass(controller).getSimpleName();
        return name.endsWith("Controller") && name.length() > "Controller".length()
                ? name.substring(0, name.length() - "Controller".length()) : name;
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
