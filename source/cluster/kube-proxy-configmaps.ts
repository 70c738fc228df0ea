/**
 * The ConfigMaps that hold kube-proxy's KubeProxyConfiguration, best first: kubeadm's (and kind's,
 * which is kubeadm's) `kube-proxy` under config.conf, EKS's add-on `kube-proxy-config` under
 * `config` (its `kube-proxy` ConfigMap holds only a kubeconfig). Any other key of theirs is not
 * kube-proxy's settings. The file reader and the live reader (one GET each) share this list.
 */
export const kubeProxyConfigMaps: readonly { name: string; key: string }[] = [
	{ name: 'kube-proxy', key: 'config.conf' },
	{ name: 'kube-proxy-config', key: 'config' },
];

/** Cilium's ConfigMap: its `kube-proxy-replacement` says whether the agent replaces kube-proxy. */
export const ciliumConfigMap = { name: 'cilium-config', key: 'kube-proxy-replacement' } as const;
