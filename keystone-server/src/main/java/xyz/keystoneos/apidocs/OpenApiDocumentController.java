package xyz.keystoneos.apidocs;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springdoc.core.customizers.SpringDocCustomizers;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.providers.SpringDocProviders;
import org.springdoc.core.service.AbstractRequestService;
import org.springdoc.core.service.GenericResponseService;
import org.springdoc.core.service.OpenAPIService;
import org.springdoc.core.service.OperationService;
import org.springdoc.webmvc.api.OpenApiResource;
import org.springframework.beans.factory.ObjectFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import xyz.keystoneos.identity.AuthenticatedOnly;

/**
 * {@code GET /v1/openapi.json}: the one place the document is served (springdoc's own endpoints, including the
 * {@code .yaml} variant, are off: {@code springdoc.enable-default-api-docs=false}). The security chain lets this
 * path through without a token; {@link AuthenticatedOnly} only tells the {@code /v1} scope check that no scope is
 * needed. The server URL never depends on the request, so the document is the same on every host and port.
 */
@RestController
@AuthenticatedOnly
class OpenApiDocumentController extends OpenApiResource {

    static final String PATH = "/v1/openapi.json";

    OpenApiDocumentController(ObjectFactory<OpenAPIService> openApiService, AbstractRequestService requestBuilder,
            GenericResponseService responseBuilder, OperationService operationParser,
            SpringDocConfigProperties properties, SpringDocProviders providers, SpringDocCustomizers customizers) {
        super(openApiService, requestBuilder, responseBuilder, operationParser, properties, providers, customizers);
    }

    @Operation(hidden = true)
    @GetMapping(value = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    byte[] document(HttpServletRequest request) throws JsonProcessingException {
        return openapiJson(request, PATH, Locale.ROOT);
    }

    @Override
    protected String getServerUrl(HttpServletRequest request, String apiDocsUrl) {
        return OpenApiConfiguration.SERVER_URL;
    }
}
