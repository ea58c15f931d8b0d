import { Controller, Header } from '@nestjs/common';
import { Route } from '../../common/routes/route.decorator';
import type { OpenApiDocument } from './openapi.document';
import { OpenApiService } from './openapi.service';
import { OPENAPI_ROUTES as ROUTES } from './openapi.routes';

/** The API description, unauthenticated (like DBOS Conductor's `/openapi.json` and `/docs`). */
@Controller()
export class OpenApiController {
  constructor(private readonly openapi: OpenApiService) {}

  @Route(ROUTES.getOpenApiDocument)
  document(): OpenApiDocument {
    return this.openapi.getDocument();
  }

  @Route(ROUTES.getOpenApiYaml)
  yaml(): string {
    return this.openapi.getYaml();
  }

  @Route(ROUTES.getOpenApi30Document)
  document30(): OpenApiDocument {
    return this.openapi.getDocument('3.0');
  }

  @Route(ROUTES.getApiDocs)
  // The page is static: no scripts, and nothing may be loaded from elsewhere.
  @Header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
  docs(): string {
    return this.openapi.getDocsPage();
  }
}
