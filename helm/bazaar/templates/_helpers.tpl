{{/* Names and labels shared by every object. */}}
{{- define "bazaar.fullname" -}}
{{- printf "%s-%s" .root.Release.Name .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "bazaar.labels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/part-of: bazaar
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{- define "bazaar.selector" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* The image of a service in the chosen flavour (native images carry a -native suffix). */}}
{{- define "bazaar.image" -}}
{{- $g := .root.Values.global -}}
{{- printf "%s/%s%s:%s" $g.imageRegistry .svc.image (ternary "-native" "" (eq $g.flavour "native")) $g.imageTag -}}
{{- end -}}

{{/* A secret reference as an env var. */}}
{{- define "bazaar.secretEnv" -}}
- name: {{ .env }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret }}
      key: {{ .key }}
{{- end -}}

{{/* Every topic of ARCHITECTURE.md and its dead-letter topic (kept in sync with contracts' Topic by a test). */}}
{{- define "bazaar.topics" -}}
{{- $topics := list "catalog.shop-events" "catalog.product-events" "inventory.commands" "inventory.replies" "payment.commands" "payment.replies" "order.commands" "order.replies" "order.events" "payment.events" "checkout.events" "review.events" -}}
{{- range $i, $t := $topics }}{{ if $i }} {{ end }}{{ $t }} {{ $t }}.dlq{{ end -}}
{{- end -}}

{{/* The Secret of a service's PostgreSQL role: its own, never shared. */}}
{{- define "bazaar.dbSecret" -}}
{{- .svc.databaseSecret | default (printf "bazaar-postgres-%s" .name) -}}
{{- end -}}

{{/* The Secret of a service's Kafka user (keys username, password): its own, never shared. */}}
{{- define "bazaar.kafkaSecret" -}}
{{- (.svc.kafka | default dict).existingSecret | default (printf "bazaar-kafka-%s" .name) -}}
{{- end -}}

{{/* The security.protocol the services and the topics Job speak to Kafka. */}}
{{- define "bazaar.kafkaProtocol" -}}
{{- $sasl := .Values.infrastructure.kafka.sasl -}}
{{- if $sasl.enabled }}{{ $sasl.securityProtocol }}{{ else }}PLAINTEXT{{ end -}}
{{- end -}}

{{/*
An egress rule to one store (networkPolicy.stores.<store>): its port only, to an ipBlock when one is given, else to
the pods its podSelector picks ({} = all) in its namespace (default: the infrastructure namespace).
*/}}
{{- define "bazaar.storeEgress" -}}
{{- $np := .root.Values.networkPolicy -}}
{{- $s := index $np.stores .store | default dict -}}
{{- $port := $s.port -}}
{{- if and (eq .store "postgres") (not $port) }}{{ $port = .root.Values.infrastructure.postgres.port }}{{ end -}}
{{- if not $port }}{{ fail (printf "networkPolicy.stores.%s.port is required" .store) }}{{ end -}}
# {{ .store }}
- to:
    {{- if $s.ipBlock }}
    - ipBlock:
        {{- toYaml $s.ipBlock | nindent 8 }}
    {{- else }}
    - namespaceSelector:
        matchLabels: { kubernetes.io/metadata.name: {{ $s.namespace | default $np.infrastructureNamespace }} }
      {{- with $s.podSelector }}
      podSelector:
        matchLabels:
          {{- toYaml . | nindent 10 }}
      {{- end }}
    {{- end }}
  ports:
    - { port: {{ $port }}, protocol: TCP }
{{- end -}}
