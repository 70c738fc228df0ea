/**
 * Ingress controller Deployments as their projects install them, cut down to the container that
 * decides which Ingresses they take. Shaped after the upstream manifests (image, command, the
 * class flags), with the flags a test varies passed in:
 * - ingress-nginx: kubernetes/ingress-nginx deploy/static/provider/cloud/deploy.yaml
 * - Traefik: traefik/traefik-helm-chart templates/_podtemplate.tpl (chart 41.3.0) as rendered
 * - Contour: projectcontour/contour examples/render/contour.yaml (Deployment contour, Job certgen)
 * - Kong: Kong/kubernetes-ingress-controller deploy/single/all-in-one-dbless.yaml (KIC 2.12)
 * - haproxytech: haproxytech/kubernetes-ingress deploy/haproxy-ingress.yaml
 */
type Obj = Record<string, unknown>;

function deployment(namespace: string, name: string, container: Obj, kind = 'Deployment'): Obj {
	const labels = { 'app.kubernetes.io/name': name };
	const podSpec = { containers: [{ name, ...container }] };
	return {
		apiVersion: kind === 'Job' ? 'batch/v1' : 'apps/v1',
		kind,
		metadata: { name, namespace },
		spec: kind === 'Job' ? { template: { metadata: { labels }, spec: podSpec } } : { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: podSpec } },
	};
}

export function ingressNginx(args: string[] = []): Obj {
	return deployment('ingress-nginx', 'ingress-nginx-controller', {
		image: 'registry.k8s.io/ingress-nginx/controller:v1.15.1',
		args: ['/nginx-ingress-controller', '--publish-service=$(POD_NAMESPACE)/ingress-nginx-controller', '--election-id=ingress-nginx-leader', '--controller-class=k8s.io/ingress-nginx', ...args],
	});
}

export function traefik(args: string[] = ['--providers.kubernetesingress', '--providers.kubernetesingress.allowEmptyServices=true']): Obj {
	return deployment('traefik', 'traefik', {
		image: 'docker.io/traefik:v3.7.11',
		args: ['--entryPoints.web.address=:8000/tcp', '--providers.kubernetescrd', ...args],
	});
}

export function contour(args: string[] = []): Obj {
	return deployment('projectcontour', 'contour', {
		image: 'ghcr.io/projectcontour/contour:main',
		command: ['contour'],
		args: ['serve', '--incluster', '--xds-address=0.0.0.0', '--xds-port=8001', '--config-path=/config/contour.yaml', ...args],
	});
}

/** Contour's certgen Job: the same image, not a controller. */
export function contourCertgen(): Obj {
	return deployment('projectcontour', 'contour-certgen-v1-33', { image: 'ghcr.io/projectcontour/contour:main', command: ['contour', 'certgen', '--kube', '--incluster'] }, 'Job');
}

export function kong(env: Obj[] = [], args: string[] = []): Obj {
	return deployment('kong', 'ingress-kong', {
		image: 'kong/kubernetes-ingress-controller:2.12',
		args,
		env: [{ name: 'CONTROLLER_KONG_ADMIN_SVC', value: 'kong/kong-admin' }, { name: 'CONTROLLER_PUBLISH_SERVICE', value: 'kong/kong-proxy' }, ...env],
	});
}

export function haproxytech(args: string[] = []): Obj {
	return deployment('haproxy-controller', 'haproxy-kubernetes-ingress', {
		image: 'haproxytech/kubernetes-ingress',
		args: ['--configmap=haproxy-controller/haproxy-kubernetes-ingress', ...args],
	});
}
