// Small manifests that tests generate by the hundred.

/** A StatefulSet named `name`, its governing Service and app label of the same name; `replicas` as given. */
export function statefulSetText(name: string, replicas = '1'): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${name}
spec:
  serviceName: ${name}
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: c
          image: nginx
`;
}
