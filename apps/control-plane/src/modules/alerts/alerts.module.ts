import { Module } from '@nestjs/common';
import { ApplicationRecordsModule } from '../applications/application-records.module';
import { ExecutorsModule } from '../executors/executors.module';
import { ReplicasModule } from '../replicas/replicas.module';
import { SessionsModule } from '../sessions/sessions.module';
import { WorkflowsModule } from '../workflows/workflows.module';
import { AlertHistoryService } from './alert-history.service';
import { AlertRulesService } from './alert-rules.service';
import { AlertsController } from './alerts.controller';
import { AlertsRepository } from './alerts.repository';
import { AlertDispatcher } from './delivery/alert-dispatcher';
import { WebhookResumption } from './delivery/webhook-resumption';
import { WebhookSender } from './delivery/webhook-sender';
import { AlertConditions } from './evaluation/alert-conditions';
import { AlertEvaluator } from './evaluation/alert-evaluator';
import { AlertWebhooksService } from './webhooks/alert-webhooks.service';
import { WebhookSecretBox } from './webhooks/webhook-secret-box';
import { WebhookUrlSealing } from './webhooks/webhook-url-sealing';

/**
 * Alerting: rules per application (REST), their evaluation on the coordinator
 * (`evaluation/`), and notifications to executors and webhooks (`delivery/`, `webhooks/`).
 */
@Module({
  imports: [
    ApplicationRecordsModule,
    ExecutorsModule,
    ReplicasModule,
    SessionsModule,
    WorkflowsModule,
  ],
  controllers: [AlertsController],
  providers: [
    AlertsRepository,
    AlertRulesService,
    AlertHistoryService,
    AlertWebhooksService,
    WebhookSecretBox,
    WebhookUrlSealing,
    AlertConditions,
    AlertEvaluator,
    AlertDispatcher,
    WebhookSender,
    WebhookResumption,
  ],
  exports: [AlertRulesService, AlertHistoryService],
})
export class AlertsModule {}
