{{/*
A Deployment of one long-running component (graph-api, regional-worker): probes on the
actuator health groups, the shared environment, read-only root filesystem, spread over nodes
and zones. Call with (dict "root" $root "component" "graph-api" "values" .Values.graphApi).
*/}}
{{- define "oncall.deployment" -}}
{{- $root := .root }}
{{- $component := dict "root" $root "component" .component }}
{{- $values := .values }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "oncall.componentName" $component }}
  labels:
    {{- include "oncall.componentLabels" $component | nindent 4 }}
spec:
  {{- if not .autoscaled }}
  replicas: {{ $values.replicas }}
  {{- end }}
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  selector:
    matchLabels:
      {{- include "oncall.selectorLabels" $component | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "oncall.componentLabels" $component | nindent 8 }}
        {{- with $values.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        {{- include "oncall.configChecksum" $root | nindent 8 }}
        {{- with $values.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "oncall.serviceAccountName" $root }}
      automountServiceAccountToken: false
      {{- with $root.Values.image.pullSecrets }}
      imagePullSecrets:
        {{- range . }}
        - name: {{ . }}
        {{- end }}
      {{- end }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      terminationGracePeriodSeconds: {{ $values.terminationGracePeriodSeconds }}
      containers:
        - name: {{ .component }}
          image: {{ include "oncall.image" (dict "root" $root "repository" $values.repository) }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ $values.port }}
              protocol: TCP
            {{- if $values.managementPort }}
            - name: management
              containerPort: {{ $values.managementPort }}
              protocol: TCP
            {{- end }}
          {{- include "oncall.env" (dict "root" $root "javaToolOptions" $values.javaToolOptions "migrationsEnabled" (default false $values.migrationsEnabled) "port" $values.port "managementPort" $values.managementPort "extraEnv" $values.extraEnv) | nindent 10 }}
          {{- include "oncall.probes" (dict "values" $values) | nindent 10 }}
          resources:
            {{- toYaml $values.resources | nindent 12 }}
          securityContext:
            {{- toYaml $root.Values.securityContext | nindent 12 }}
          volumeMounts:
            {{- include "oncall.volumeMounts" $root | nindent 12 }}
      volumes:
        {{- include "oncall.volumes" $root | nindent 8 }}
      affinity:
        {{- if $values.affinity }}
        {{- toYaml $values.affinity | nindent 8 }}
        {{- else }}
        {{- include "oncall.defaultAffinity" $component | nindent 8 }}
        {{- end }}
      topologySpreadConstraints:
        {{- if $values.topologySpreadConstraints }}
        {{- toYaml $values.topologySpreadConstraints | nindent 8 }}
        {{- else }}
        {{- include "oncall.defaultTopologySpread" $component | nindent 8 }}
        {{- end }}
      {{- with $values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end }}
