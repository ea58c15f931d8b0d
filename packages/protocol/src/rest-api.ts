/**
 * @podium/protocol/rest: what the console needs and nothing of the executor protocol — the
 * control plane's REST shapes, the error table with AppError, workflow statuses and the executor
 * URL defaults. Its own entry (and, for browsers, an ES module build: package.json "exports")
 * so a browser bundle never carries the executor message catalog. `@podium/protocol` re-exports
 * all of it.
 */

// ── Shared with the executor protocol, needed by REST clients ──────────────────────────────
export { WorkflowStatusSchema } from './executor/common';
export { DEFAULT_EXECUTOR_BASE_PATH, DEFAULT_CONDUCTOR_URL } from './executor/endpoint';

// ── Zod-free values: what the console's browser code uses at run time ──────────────────────
// (re-exported from their zod-free modules directly, so a browser bundle never evaluates the
// schema modules that also re-export them)
export {
  WORKFLOW_STATUSES,
  isWorkflowStatus,
  type WorkflowStatus,
} from './executor/workflow-statuses';
export { PERMISSIONS, isWithinPermissions, type Permission } from './rest/values/permission-names';
export {
  ROLES,
  ROLE_PERMISSIONS,
  BUILT_IN_ROLES,
  builtInRole,
  isBuiltInRoleName,
  isOwnerRole,
  DOMAIN_CLAIM_ROLE,
  type Role,
} from './rest/values/built-in-roles';
export { CSRF_HEADER, CSRF_COOKIE } from './rest/values/session-headers';
export {
  MAX_PAGE_LIMIT,
  DEFAULT_PAGE_LIMIT,
  MAX_WORKFLOW_PAGE_LIMIT,
} from './rest/values/page-limits';
export {
  DBOS_INTERNAL_QUEUE,
  PODIUM_INTERNAL_QUEUE,
  isInternalQueueName,
} from './rest/values/internal-queues';
export { MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH } from './rest/values/password-lengths';
export {
  APPLICATION_NAME_PATTERN,
  APPLICATION_NAME_RULE,
  DEFAULT_EXECUTOR_TIMEOUT_SECS,
  MIN_EXECUTOR_TIMEOUT_SECS,
  MAX_EXECUTOR_TIMEOUT_SECS,
} from './rest/values/application-limits';
export {
  DEFAULT_JOIN_SECRET_TTL_DAYS,
  MAX_JOIN_SECRET_TTL_DAYS,
  MAX_JOIN_SECRET_USES,
} from './rest/values/join-secret-limits';
export { ORGANIZATION_NAME_PATTERN, ORGANIZATION_NAME_RULE } from './rest/values/organization-name';
export { TIMELINE_EVENT_KINDS } from './rest/values/timeline-kinds';
export { ALERT_RULE_TYPES, ALERT_WEBHOOK_FORMATS } from './rest/values/alert-kinds';
export { PROBLEM_CONTENT_TYPE } from './rest/values/problem-media-type';
export { EXECUTOR_STATUSES, EXECUTOR_STATUS_FILTERS } from './rest/values/executor-statuses';

// ── REST shapes shared by the control plane and the console ─────────────────────────────────
export {
  HealthResponseSchema,
  ReadinessResponseSchema,
  DependencyCheckSchema,
  type HealthResponse,
  type ReadinessResponse,
  type DependencyCheck,
} from './rest/health';
export {
  ProblemDetailsSchema,
  ProblemFieldErrorSchema,
  type ProblemDetails,
  type ProblemFieldError,
} from './rest/problem';
export {
  paginated,
  listResponse,
  PaginationQuerySchema,
  WholeListQuerySchema,
  type Paginated,
  type PaginationQuery,
} from './rest/pagination';
export {
  LIST_HEADERS,
  LIST_HEADERS_OF,
  PAGE_META_FIELDS,
  writeListHeaders,
  readListHeaders,
  type ListPage,
  type ListPageMeta,
  type ListPageMetaField,
} from './rest/list-headers';
export {
  queryBoolean,
  queryList,
  RestTimestampSchema,
  IsoTimestampSchema,
} from './rest/query-params';
export {
  ReportedWorkflowStatusSchema,
  WorkflowSchema,
  WorkflowStepSchema,
  WorkflowPathSchema,
  ListWorkflowsQuerySchema,
  ListWorkflowsResponseSchema,
  WorkflowsPageSchema,
  SearchWorkflowsRequestSchema,
  SearchWorkflowsResponseSchema,
  GetWorkflowQuerySchema,
  GetWorkflowResponseSchema,
  ListWorkflowStepsQuerySchema,
  ListWorkflowStepsResponseSchema,
  LAST_KNOWN_REASONS,
  LastKnownSchema,
  type LastKnown,
  type Workflow,
  type WorkflowStep,
  type ListWorkflowsQuery,
  type ListWorkflowsResponse,
  type WorkflowsPage,
  type SearchWorkflowsRequest,
  type SearchWorkflowsResponse,
  type GetWorkflowQuery,
  type GetWorkflowResponse,
  type ListWorkflowStepsQuery,
  type ListWorkflowStepsResponse,
} from './rest/workflows';
export {
  WORKFLOW_AGGREGATE_GROUP_KEYS,
  WorkflowAggregatesRequestSchema,
  WorkflowAggregateSchema,
  WorkflowAggregatesResponseSchema,
  type WorkflowAggregatesRequest,
  type WorkflowAggregate,
  type WorkflowAggregatesResponse,
} from './rest/workflow-aggregates';
export {
  MAX_BULK_WORKFLOWS,
  WorkflowActionResultSchema,
  CancelWorkflowRequestSchema,
  CancelWorkflowResponseSchema,
  ResumeWorkflowRequestSchema,
  ResumeWorkflowResponseSchema,
  ForkWorkflowRequestSchema,
  ForkWorkflowResponseSchema,
  RestartWorkflowRequestSchema,
  RestartWorkflowResponseSchema,
  RewindWorkflowRequestSchema,
  RewindWorkflowResponseSchema,
  DeleteWorkflowQuerySchema,
  DeleteWorkflowResponseSchema,
  BulkWorkflowIdsSchema,
  BulkCancelWorkflowsRequestSchema,
  BulkResumeWorkflowsRequestSchema,
  BulkDeleteWorkflowsRequestSchema,
  BulkForkFromFailureRequestSchema,
  BulkWorkflowsResponseSchema,
  BulkForkFromFailureResponseSchema,
  type WorkflowActionResult,
  type CancelWorkflowRequest,
  type ResumeWorkflowRequest,
  type ForkWorkflowRequest,
  type ForkWorkflowResponse,
  type RestartWorkflowRequest,
  type RestartWorkflowResponse,
  type RewindWorkflowRequest,
  type DeleteWorkflowQuery,
  type BulkCancelWorkflowsRequest,
  type BulkResumeWorkflowsRequest,
  type BulkDeleteWorkflowsRequest,
  type BulkForkFromFailureRequest,
  type BulkWorkflowsResponse,
  type BulkForkFromFailureResponse,
} from './rest/workflow-actions';
export {
  WorkflowEventEntrySchema,
  ListWorkflowEventsResponseSchema,
  WorkflowNotificationEntrySchema,
  ListWorkflowNotificationsResponseSchema,
  WorkflowStreamEntrySchema,
  ListWorkflowStreamsResponseSchema,
  ExportWorkflowQuerySchema,
  ExportWorkflowResponseSchema,
  ImportWorkflowRequestSchema,
  ImportWorkflowResponseSchema,
  type WorkflowEventEntry,
  type ListWorkflowEventsResponse,
  type WorkflowNotificationEntry,
  type ListWorkflowNotificationsResponse,
  type WorkflowStreamEntry,
  type ListWorkflowStreamsResponse,
  type ExportWorkflowQuery,
  type ExportWorkflowResponse,
  type ImportWorkflowRequest,
  type ImportWorkflowResponse,
} from './rest/workflow-history';
export {
  ConductorMetricsQuerySchema,
  ConductorMetricsResponseSchema,
  type ConductorMetricsQuery,
} from './rest/conductor-metrics';
export {
  StepAggregatesRequestSchema,
  StepAggregateSchema,
  StepAggregatesResponseSchema,
  type StepAggregatesRequest,
  type StepAggregate,
  type StepAggregatesResponse,
} from './rest/step-aggregates';
export {
  ScheduleSchema,
  ListSchedulesQuerySchema,
  ListSchedulesResponseSchema,
  GetScheduleResponseSchema,
  SchedulePathSchema,
  BackfillScheduleRequestSchema,
  BackfillScheduleResponseSchema,
  TriggerScheduleResponseSchema,
  type Schedule,
  type ListSchedulesQuery,
  type ListSchedulesResponse,
  type BackfillScheduleRequest,
  type BackfillScheduleResponse,
  type TriggerScheduleResponse,
} from './rest/schedules';
export {
  ClaimedDomainSchema,
  CreateDomainClaimRequestSchema,
  DomainClaimParamsSchema,
  DomainClaimSchema,
  ListDomainClaimsResponseSchema,
  type CreateDomainClaimRequest,
  type DomainClaim,
  type ListDomainClaimsResponse,
} from './rest/domain-claims';
export {
  AppMetricsQuerySchema,
  AppMetricSchema,
  ListAppMetricsResponseSchema,
  type AppMetricsQuery,
  type AppMetric,
  type ListAppMetricsResponse,
} from './rest/app-metrics';
export {
  RolloutPolicySchema,
  AutoscalePolicySchema,
  AutoscalingPolicyResponseSchema,
  QueueAutoscaleSchema,
  GetAutoscaleResponseSchema,
  type RolloutPolicy,
  type AutoscalePolicy,
  type AutoscalingPolicyResponse,
  type QueueAutoscale,
  type GetAutoscaleResponse,
} from './rest/autoscaling';
export {
  SetLatestVersionRequestSchema,
  type SetLatestVersionRequest,
} from './rest/application-versions';
export {
  QueueSchema,
  QueuePathSchema,
  ListQueuesResponseSchema,
  GetQueueResponseSchema,
  ListQueuedWorkflowsQuerySchema,
  ListQueuedWorkflowsResponseSchema,
  type Queue,
  type ListQueuesResponse,
  type GetQueueResponse,
  type ListQueuedWorkflowsQuery,
  type ListQueuedWorkflowsResponse,
} from './rest/queues';
export {
  ExecutorStatusSchema,
  ExecutorStatusFilterSchema,
  ExecutorSchema,
  ListExecutorsQuerySchema,
  ListExecutorsResponseSchema,
  ApplicationVersionSchema,
  ListApplicationVersionsResponseSchema,
  VersionsSourceSchema,
  type VersionsSource,
  LiveEventSchema,
  type ExecutorStatus,
  type ExecutorStatusFilter,
  type Executor,
  type ListExecutorsQuery,
  type ListExecutorsResponse,
  type ApplicationVersion,
  type ListApplicationVersionsResponse,
  type LiveEvent,
  type LiveEventType,
} from './rest/executors';

export {
  EmailSchema,
  DisplayNameSchema,
  UserNameSchema,
  RegisterUserRequestSchema,
  RegisterUserResponseSchema,
  UserSchema,
  UserOrganizationSchema,
  CurrentUserResponseSchema,
  NewPasswordSchema,
  GivenPasswordSchema,
  ChangePasswordRequestSchema,
  type ChangePasswordRequest,
  type RegisterUserRequest,
  type RegisterUserResponse,
  type User,
  type UserOrganization,
  type CurrentUserResponse,
} from './rest/users';
export {
  CreateSessionRequestSchema,
  SessionSchema,
  SessionResponseSchema,
  CreateSessionResponseSchema,
  RefreshSessionResponseSchema,
  ActiveSessionSchema,
  ListSessionsResponseSchema,
  SessionParamsSchema,
  type ActiveSession,
  type ListSessionsResponse,
  type CreateSessionRequest,
  type Session,
  type SessionResponse,
  type CreateSessionResponse,
  type RefreshSessionResponse,
} from './rest/sessions';
export {
  OrganizationNameSchema,
  CreateOrganizationRequestSchema,
  UpdateOrganizationRequestSchema,
  SELF_HOSTED_PLAN,
  NO_LIMIT,
  DEFAULT_AUDIT_LOG_RETENTION_DAYS,
  type UpdateOrganizationRequest,
  OrganizationSchema,
  CreateOrganizationResponseSchema,
  GetOrganizationResponseSchema,
  ListOrganizationsResponseSchema,
  type CreateOrganizationRequest,
  type Organization,
  type CreateOrganizationResponse,
  type GetOrganizationResponse,
  type ListOrganizationsResponse,
} from './rest/organizations';
export {
  RoleSchema,
  MemberSchema,
  ListMembersResponseSchema,
  MemberParamsSchema,
  UpdateMemberRequestSchema,
  UpdateMemberResponseSchema,
  RevokedCredentialsSchema,
  RemovedMemberSchema,
  type RemovedMember,
  type Member,
  type ListMembersResponse,
  type UpdateMemberRequest,
  type UpdateMemberResponse,
  type RevokedCredentials,
} from './rest/members';
export {
  ACCESS_LEVELS,
  isRoleWithin,
  canCreateApiKey,
  canCreateJoinSecret,
  type AccessLevel,
} from './rest/access';
export {
  PermissionSchema,
  PermissionListSchema,
  ListPermissionsResponseSchema,
  type ListPermissionsResponse,
} from './rest/permissions';
export {
  RoleNameSchema,
  RoleOutputSchema,
  ListRolesResponseSchema,
  CreateRoleRequestSchema,
  CreateRoleResponseSchema,
  RoleParamsSchema,
  GrantRoleParamsSchema,
  type RoleOutput,
  type ListRolesResponse,
  type CreateRoleRequest,
  type CreateRoleResponse,
} from './rest/roles';
export {
  CreateJoinSecretRequestSchema,
  JoinSecretSchema,
  CreateJoinSecretResponseSchema,
  ListJoinSecretsResponseSchema,
  JoinSecretParamsSchema,
  GenerateJoinSecretResponseSchema,
  GENERATED_JOIN_SECRET_ROLE,
  JoinNamedOrganizationParamsSchema,
  type GenerateJoinSecretResponse,
  JoinOrganizationRequestSchema,
  JoinOrganizationResponseSchema,
  type CreateJoinSecretRequest,
  type JoinSecret,
  type CreateJoinSecretResponse,
  type ListJoinSecretsResponse,
  type JoinOrganizationRequest,
  type JoinOrganizationResponse,
} from './rest/join-secrets';
export {
  RETENTION_PUSH_OUTCOMES,
  ApplicationNameSchema,
  CreateApplicationRequestSchema,
  RegisterApplicationRequestSchema,
  UpdateApplicationRequestSchema,
  RetentionPushSchema,
  ApplicationSchema,
  CreateApplicationResponseSchema,
  GetApplicationResponseSchema,
  ListApplicationsResponseSchema,
  type CreateApplicationRequest,
  type RegisterApplicationRequest,
  type UpdateApplicationRequest,
  type ApplicationSettingsChange,
  type RetentionPush,
  type Application,
  type CreateApplicationResponse,
  type GetApplicationResponse,
  type ListApplicationsResponse,
} from './rest/applications';
export {
  ApiKeyNameSchema,
  CreateApiKeyRequestSchema,
  CreateNamedApiKeyRequestSchema,
  ApiKeySchema,
  CreateApiKeyResponseSchema,
  ListApiKeysResponseSchema,
  ApiKeyParamsSchema,
  UpdateApiKeyRequestSchema,
  UpdateApiKeyResponseSchema,
  type CreateApiKeyRequest,
  type CreateNamedApiKeyRequest,
  type ApiKey,
  type CreateApiKeyResponse,
  type ListApiKeysResponse,
  type UpdateApiKeyRequest,
  type UpdateApiKeyResponse,
} from './rest/api-keys';
export {
  AuditStatusSchema,
  AUDIT_STATUSES,
  DEFAULT_AUDIT_PAGE_LIMIT,
  MAX_AUDIT_PAGE_LIMIT,
  ListAuditLogsQuerySchema,
  AuditSubjectSchema,
  AuditLogEntrySchema,
  ListAuditLogsResponseSchema,
  type AuditStatus,
  type ListAuditLogsQuery,
  type AuditSubject,
  type AuditLogEntry,
  type ListAuditLogsResponse,
} from './rest/audit-logs';

export {
  AlertRuleTypeSchema,
  ALERT_RULE_METADATA,
  parseAlertRuleMetadata,
  CreateAlertingRuleRequestSchema,
  UpdateAlertingRuleRequestSchema,
  ALERT_STATES,
  AlertStateSchema,
  AlertingRuleSchema,
  ListAlertingRulesResponseSchema,
  AlertingRulePathSchema,
  AlertWebhookFormatSchema,
  CreateAlertWebhookRequestSchema,
  AlertWebhookSchema,
  CreateAlertWebhookResponseSchema,
  ListAlertWebhooksResponseSchema,
  AlertWebhookPathSchema,
  ALERT_EVENTS,
  AlertEventSchema,
  DELIVERY_STATUSES,
  AlertDeliveryStatusSchema,
  AlertDeliveryAttemptSchema,
  AlertDeliverySchema,
  ListAlertDeliveriesQuerySchema,
  ListAlertDeliveriesResponseSchema,
  AlertWebhookPayloadSchema,
  type AlertRuleType,
  type CreateAlertingRuleRequest,
  type UpdateAlertingRuleRequest,
  type AlertState,
  type AlertingRule,
  type ListAlertingRulesResponse,
  type AlertWebhookFormat,
  type CreateAlertWebhookRequest,
  type AlertWebhook,
  type CreateAlertWebhookResponse,
  type ListAlertWebhooksResponse,
  type AlertEvent,
  type AlertDeliveryStatus,
  type AlertDeliveryAttempt,
  type AlertDelivery,
  type ListAlertDeliveriesQuery,
  type ListAlertDeliveriesResponse,
  type AlertWebhookPayload,
} from './rest/alerts';
export {
  TIMELINE_TARGET_TYPES,
  MAX_TIMELINE_LIMIT,
  MAX_TIMELINE_OFFSET,
  TimelineEventKindSchema,
  TimelineTargetSchema,
  TimelineQuerySchema,
  TimelineEventSchema,
  TimelineResponseSchema,
  type TimelineEventKind,
  type TimelineTarget,
  type TimelineQuery,
  type TimelineEvent,
  type TimelineResponse,
} from './rest/timeline';

// ── Error codes and the one error type ──────────────────────────────────────────────────────
export {
  ERROR_CODES,
  ERROR_CODE_LIST,
  isErrorCode,
  problemType,
  errorCodeForStatus,
  type ErrorCode,
} from './errors';
export { AppError } from './app-error';
export { appErrorFromBody } from './app-error-body';
