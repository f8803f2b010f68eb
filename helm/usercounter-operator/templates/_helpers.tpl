{{/* The chart's name, cut to the 63 characters a label value may have. */}}
{{- define "usercounter-operator.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's full name: the release name alone when it already contains the chart name. */}}
{{- define "usercounter-operator.fullname" -}}
{{- if contains .Chart.Name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/* Labels that select the operator pods; they never change across upgrades. */}}
{{- define "usercounter-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "usercounter-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels on every object of the release. */}}
{{- define "usercounter-operator.labels" -}}
{{ include "usercounter-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: usercounter
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end }}

{{- define "usercounter-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "usercounter-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "usercounter-operator.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{- define "usercounter-operator.counterAppImage" -}}
{{- default (printf "ghcr.io/usercounter/counter-app:%s" .Chart.AppVersion) .Values.counterAppImage }}
{{- end }}

{{/* The Lease the operator elects its leader with (UserCounterOperator.LEASE_NAME). */}}
{{- define "usercounter-operator.leaseName" -}}
usercounter-operator
{{- end }}

{{/* Two operator pods must never reconcile at once, so more than one replica implies leader election. */}}
{{- define "usercounter-operator.leaderElection" -}}
{{- if or .Values.leaderElection.enabled (gt (int .Values.replicas) 1) }}true{{ end }}
{{- end }}

{{/*
The operator's rules, the same whether granted cluster-wide or per watched namespace; RbacCoversOperatorTest
derives them from the operator's classes. UserCounters: watched, status patched, no finalizer of its own.
Managed kinds: get/list/watch feed the informers, create/patch/update write them (server-side apply is a
patch); only Ingresses, NetworkPolicies, PDBs, HPAs and PodMonitors are deleted by the operator (once
disabled, below 2 replicas), the rest by garbage collection through their owner references.
*/}}
{{- define "usercounter-operator.rules" -}}
- apiGroups: ["usercounter.io"]
  resources: ["usercounters"]
  verbs: ["get", "list", "watch"]
- apiGroups: ["usercounter.io"]
  resources: ["usercounters/status"]
  verbs: ["patch"]
# blockOwnerDeletion on the owner references needs update on the owner's finalizers
- apiGroups: ["usercounter.io"]
  resources: ["usercounters/finalizers"]
  verbs: ["update"]
# Secrets: the <name>-config it writes, and the referenced ones it watches
- apiGroups: [""]
  resources: ["secrets", "services"]
  verbs: ["get", "list", "watch", "create", "update", "patch"]
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["get", "list", "watch", "create", "update", "patch"]
- apiGroups: ["networking.k8s.io"]
  resources: ["ingresses", "networkpolicies"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
# the app pods (by the managed-by label only), whose failures the status reports
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "watch"]
# the HorizontalPodAutoscaler of spec.autoscaling, deleted when it is unset
- apiGroups: ["autoscaling"]
  resources: ["horizontalpodautoscalers"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
# the PodMonitor of spec.monitoring.podMonitor (Prometheus Operator), deleted when it is unset
- apiGroups: ["monitoring.coreos.com"]
  resources: ["podmonitors"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
# the Events of kubectl describe uc; a repeated one is patched (its series count) rather than created again
- apiGroups: ["events.k8s.io"]
  resources: ["events"]
  verbs: ["create", "patch"]
{{- end }}
