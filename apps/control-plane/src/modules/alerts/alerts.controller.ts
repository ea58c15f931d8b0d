import { Body, Controller, Param, Query } from '@nestjs/common';
import type {
  AlertingRule,
  CreateAlertWebhookRequest,
  CreateAlertWebhookResponse,
  CreateAlertingRuleRequest,
  ListAlertDeliveriesQuery,
  ListAlertDeliveriesResponse,
  ListAlertWebhooksResponse,
  ListAlertingRulesResponse,
  UpdateAlertingRuleRequest,
} from '@podium/protocol';
import { applicationOf, scopeOf } from '../../common/auth/app-scope';
import { Context } from '../../common/auth/decorators';
import { type RequestContext, orgScopeOf } from '../../common/auth/request-context';
import { Route } from '../../common/routes/route.decorator';
import { AlertRulesService } from './alert-rules.service';
import { ALERT_ROUTES as ROUTES } from './alerts.routes';
import { AlertWebhooksService } from './webhooks/alert-webhooks.service';

type RulePath = { ruleId: string };
type WebhookPath = { webhookId: string };

/** Alerting rules, webhooks (of an application or its whole organization) and deliveries. */
@Controller()
export class AlertsController {
  constructor(
    private readonly rules: AlertRulesService,
    private readonly webhooks: AlertWebhooksService,
  ) {}

  @Route(ROUTES.listAlertingRules)
  listRules(@Context() ctx: RequestContext): Promise<ListAlertingRulesResponse> {
    return this.rules.findRules(scopeOf(ctx));
  }

  @Route(ROUTES.createAlertingRule)
  createRule(
    @Context() ctx: RequestContext,
    @Body() body: CreateAlertingRuleRequest,
  ): Promise<AlertingRule> {
    return this.rules.createRule(orgScopeOf(ctx), applicationOf(ctx), body);
  }

  @Route(ROUTES.updateAlertingRule)
  updateRule(
    @Context() ctx: RequestContext,
    @Param() { ruleId }: RulePath,
    @Body() body: UpdateAlertingRuleRequest,
  ): Promise<AlertingRule> {
    return this.rules.updateRule(orgScopeOf(ctx), applicationOf(ctx), ruleId, body);
  }

  @Route(ROUTES.deleteAlertingRule)
  deleteRule(@Context() ctx: RequestContext, @Param() { ruleId }: RulePath): Promise<void> {
    return this.rules.deleteRule(orgScopeOf(ctx), applicationOf(ctx), ruleId);
  }

  @Route(ROUTES.listAppAlertWebhooks)
  listAppWebhooks(@Context() ctx: RequestContext): Promise<ListAlertWebhooksResponse> {
    return this.webhooks.findWebhooks(orgScopeOf(ctx), applicationOf(ctx));
  }

  @Route(ROUTES.createAppAlertWebhook)
  createAppWebhook(
    @Context() ctx: RequestContext,
    @Body() body: CreateAlertWebhookRequest,
  ): Promise<CreateAlertWebhookResponse> {
    return this.webhooks.createWebhook(orgScopeOf(ctx), applicationOf(ctx), body);
  }

  @Route(ROUTES.deleteAppAlertWebhook)
  deleteAppWebhook(
    @Context() ctx: RequestContext,
    @Param() { webhookId }: WebhookPath,
  ): Promise<void> {
    return this.webhooks.deleteWebhook(orgScopeOf(ctx), applicationOf(ctx), webhookId);
  }

  @Route(ROUTES.listOrgAlertWebhooks)
  listOrgWebhooks(@Context() ctx: RequestContext): Promise<ListAlertWebhooksResponse> {
    return this.webhooks.findWebhooks(orgScopeOf(ctx), null);
  }

  @Route(ROUTES.createOrgAlertWebhook)
  createOrgWebhook(
    @Context() ctx: RequestContext,
    @Body() body: CreateAlertWebhookRequest,
  ): Promise<CreateAlertWebhookResponse> {
    return this.webhooks.createWebhook(orgScopeOf(ctx), null, body);
  }

  @Route(ROUTES.deleteOrgAlertWebhook)
  deleteOrgWebhook(
    @Context() ctx: RequestContext,
    @Param() { webhookId }: WebhookPath,
  ): Promise<void> {
    return this.webhooks.deleteWebhook(orgScopeOf(ctx), null, webhookId);
  }

  @Route(ROUTES.listAlertDeliveries)
  listDeliveries(
    @Context() ctx: RequestContext,
    @Query() query: ListAlertDeliveriesQuery,
  ): Promise<ListAlertDeliveriesResponse> {
    return this.webhooks.findDeliveries(scopeOf(ctx), query.limit);
  }
}
