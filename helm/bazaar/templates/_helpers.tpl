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
{{- $topics := list "catalog.shop-events" "catalog.product-events" "inventory.commands" "inventory.replies" "payment.commands" "payment.replies" "order.commands" "order.replies" "order.events" "payment.events" "checkout.events" -}}
{{- range $i, $t := $topics }}{{ if $i }} {{ end }}{{ $t }} {{ $t }}.dlq{{ end -}}
{{- end -}}
