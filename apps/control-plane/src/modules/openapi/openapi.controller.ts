import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '../../common/auth/decorators';
import type { OpenApiDocument } from './openapi.document';
import { OpenApiService } from './openapi.service';

/** The API description, unauthenticated (like DBOS Conductor's `/openapi.json` and `/docs`). */
@Public()
@Controller()
export class OpenApiController {
  constructor(private readonly openapi: OpenApiService) {}

  @Get('openapi.json')
  document(): OpenApiDocument {
    return this.openapi.getDocument();
  }

  @Get('docs')
  @Header('Content-Type', 'text/html; charset=utf-8')
  // The page is static: no scripts, and nothing may be loaded from elsewhere.
  @Header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
  docs(): string {
    return this.openapi.getDocsPage();
  }
}
