enum PWorkflowAuditTests {}
