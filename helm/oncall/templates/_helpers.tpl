{{/* Chart name, shortened to the 63 characters a label value may hold. */}}
{{- define "oncall.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Prefix of every resource name: the release name, plus the chart name unless it is in it. */}}
{{- define "oncall.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Name of one component's resources; call with (dict "root" $ "component" "graph-api"). */}}
{{- define "oncall.componentName" -}}
{{- printf "%s-%s" (include "oncall.fullname" .root) .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "oncall.configMapName" -}}
{{- printf "%s-config" (include "oncall.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "oncall.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "oncall.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Labels shared by every resource of the release. */}}
{{- define "oncall.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "oncall.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: oncall
oncall.dev/region: {{ .Values.region | quote }}
{{- end }}

{{/* Selector labels of one component; call with (dict "root" $ "component" "graph-api"). */}}
{{- define "oncall.selectorLabels" -}}
app.kubernetes.io/name: {{ include "oncall.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* All labels of one component's resources. */}}
{{- define "oncall.componentLabels" -}}
{{ include "oncall.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Full image reference of one component; call with (dict "root" $ "repository" "oncall/graph-api"). */}}
{{- define "oncall.image" -}}
{{- $tag := default .root.Chart.AppVersion .root.Values.image.tag }}
{{- if .root.Values.image.registry }}
{{- printf "%s/%s:%s" (trimSuffix "/" .root.Values.image.registry) .repository $tag }}
{{- else }}
{{- printf "%s:%s" .repository $tag }}
{{- end }}
{{- end }}

{{/* ONCALL_REDIS_URL; the password is expanded by Kubernetes from ONCALL_REDIS_PASSWORD. */}}
{{- define "oncall.redisUrl" -}}
{{- $redis := .Values.redis }}
{{- $scheme := ternary "rediss" "redis" $redis.tls }}
{{- if $redis.passwordSecret.name }}
{{- printf "%s://:$(ONCALL_REDIS_PASSWORD)@%s:%v/%v" $scheme $redis.host $redis.port $redis.database }}
{{- else }}
{{- printf "%s://%s:%v/%v" $scheme $redis.host $redis.port $redis.database }}
{{- end }}
{{- end }}

{{/*
Checks the values a template cannot express in the JSON schema: this region and the primary
region are regions of the database, and surviving a region needs three of them.
*/}}
{{- define "oncall.validate" -}}
{{- $regions := .Values.cockroach.regions }}
{{- if not (has .Values.region $regions) }}
{{- fail (printf "region %q is not in cockroach.regions %v: list every region of the database in every install" .Values.region $regions) }}
{{- end }}
{{- if not (has .Values.cockroach.primaryRegion $regions) }}
{{- fail (printf "cockroach.primaryRegion %q is not in cockroach.regions %v" .Values.cockroach.primaryRegion $regions) }}
{{- end }}
{{- if and (eq .Values.cockroach.survivalGoal "region") (lt (len $regions) 3) }}
{{- fail (printf "cockroach.survivalGoal \"region\" needs at least 3 regions, cockroach.regions has %d" (len $regions)) }}
{{- end }}
{{- if ne (len $regions) (len (uniq $regions)) }}
{{- fail (printf "cockroach.regions %v lists a region twice" $regions) }}
{{- end }}
{{- end }}

{{/*
The environment every container shares: the ConfigMap, the provider credentials, the
database password, the Redis URL with its password, and the container's own JAVA_TOOL_OPTIONS.
Call with (dict "root" $ "javaToolOptions" "..." "migrationsEnabled" true "port" 8080).
*/}}
{{- define "oncall.env" -}}
{{- $root := .root -}}
envFrom:
  - configMapRef:
      name: {{ include "oncall.configMapName" $root }}
  {{- if $root.Values.providers.existingSecret }}
  - secretRef:
      name: {{ $root.Values.providers.existingSecret }}
  {{- end }}
env:
  - name: SPRING_DATASOURCE_PASSWORD
    valueFrom:
      secretKeyRef:
        name: {{ required "database.passwordSecret.name is required" $root.Values.database.passwordSecret.name }}
        key: {{ $root.Values.database.passwordSecret.key }}
  {{- if $root.Values.redis.passwordSecret.name }}
  - name: ONCALL_REDIS_PASSWORD
    valueFrom:
      secretKeyRef:
        name: {{ $root.Values.redis.passwordSecret.name }}
        key: {{ $root.Values.redis.passwordSecret.key }}
  {{- end }}
  - name: ONCALL_REDIS_URL
    value: {{ include "oncall.redisUrl" $root | quote }}
  {{- if $root.Values.providers.fcm.existingSecret }}
  - name: GOOGLE_APPLICATION_CREDENTIALS
    value: {{ printf "/etc/oncall/fcm/%s" $root.Values.providers.fcm.key | quote }}
  {{- end }}
  - name: ONCALL_MIGRATIONS_ENABLED
    value: {{ .migrationsEnabled | toString | quote }}
  {{- if .managementPort }}
  - name: MANAGEMENT_SERVER_PORT
    value: {{ .managementPort | quote }}
  {{- end }}
  {{- if .port }}
  - name: SERVER_PORT
    value: {{ .port | toString | quote }}
  {{- end }}
  - name: JAVA_TOOL_OPTIONS
    value: {{ .javaToolOptions | quote }}
  {{- with .extraEnv }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- end }}

{{/* Volumes every pod has: /tmp, and the mounted credentials. */}}
{{- define "oncall.volumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpSizeLimit }}
{{- if .Values.database.caSecret.name }}
- name: database-ca
  secret:
    secretName: {{ .Values.database.caSecret.name }}
    items:
      - key: {{ .Values.database.caSecret.key }}
        path: {{ .Values.database.caSecret.key }}
{{- end }}
{{- if .Values.providers.fcm.existingSecret }}
- name: fcm
  secret:
    secretName: {{ .Values.providers.fcm.existingSecret }}
    items:
      - key: {{ .Values.providers.fcm.key }}
        path: {{ .Values.providers.fcm.key }}
{{- end }}
{{- end }}

{{- define "oncall.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if .Values.database.caSecret.name }}
- name: database-ca
  mountPath: /etc/oncall/database-ca
  readOnly: true
{{- end }}
{{- if .Values.providers.fcm.existingSecret }}
- name: fcm
  mountPath: /etc/oncall/fcm
  readOnly: true
{{- end }}
{{- end }}

{{/* Pod annotations that roll the pods when the shared configuration changes. */}}
{{- define "oncall.configChecksum" -}}
checksum/config: {{ include (print .Template.BasePath "/configmap.yaml") . | sha256sum }}
{{- end }}

{{/* Probes of a long-running component; call with (dict "values" .Values.worker). */}}
{{- define "oncall.probes" -}}
startupProbe:
  httpGet:
    path: /actuator/health/liveness
    port: {{ if .values.managementPort }}management{{ else }}http{{ end }}
  periodSeconds: {{ .values.startupProbe.periodSeconds }}
  failureThreshold: {{ .values.startupProbe.failureThreshold }}
  timeoutSeconds: {{ .values.startupProbe.timeoutSeconds }}
livenessProbe:
  httpGet:
    path: /actuator/health/liveness
    port: {{ if .values.managementPort }}management{{ else }}http{{ end }}
  periodSeconds: {{ .values.livenessProbe.periodSeconds }}
  failureThreshold: {{ .values.livenessProbe.failureThreshold }}
  timeoutSeconds: {{ .values.livenessProbe.timeoutSeconds }}
readinessProbe:
  httpGet:
    path: /actuator/health/readiness
    port: {{ if .values.managementPort }}management{{ else }}http{{ end }}
  periodSeconds: {{ .values.readinessProbe.periodSeconds }}
  failureThreshold: {{ .values.readinessProbe.failureThreshold }}
  timeoutSeconds: {{ .values.readinessProbe.timeoutSeconds }}
{{- end }}

{{/* Default spreading: prefer other nodes and other zones for the same component. */}}
{{- define "oncall.defaultAffinity" -}}
podAntiAffinity:
  preferredDuringSchedulingIgnoredDuringExecution:
    - weight: 100
      podAffinityTerm:
        topologyKey: kubernetes.io/hostname
        labelSelector:
          matchLabels:
            {{- include "oncall.selectorLabels" . | nindent 12 }}
{{- end }}

{{- define "oncall.defaultTopologySpread" -}}
- maxSkew: 1
  topologyKey: topology.kubernetes.io/zone
  whenUnsatisfiable: ScheduleAnyway
  labelSelector:
    matchLabels:
      {{- include "oncall.selectorLabels" . | nindent 6 }}
{{- end }}
