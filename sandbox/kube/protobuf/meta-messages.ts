// Message definitions for the protobuf encoding of k8s.io/apimachinery types (runtime.Unknown,
// meta/v1 and the utility types), written from the published field numbers of
// k8s.io/apimachinery's generated.proto. Only the messages and fields the sandbox needs.
// Notation, one field per `;`: `jsonName=number type` where type is a scalar (string, int32,
// int64, bool, bytes), a message name, `*T` (a Go pointer: zero values that are present are
// kept), `[]T` (repeated), `{K:V}` (map) or `~T` (embedded: its fields are inlined in JSON).
export const META_MESSAGES: Record<string, string> = {
  TypeMeta: 'apiVersion=1 string; kind=2 string',
  Unknown: 'typeMeta=1 TypeMeta; raw=2 bytes; contentEncoding=3 string; contentType=4 string',
  RawExtension: 'raw=1 bytes',
  IntOrString: 'type=1 int64; intVal=2 int32; strVal=3 string',
  Quantity: 'string=1 string',
  Time: 'seconds=1 int64; nanos=2 int32',
  MicroTime: 'seconds=1 int64; nanos=2 int32',
  Duration: 'duration=1 int64',
  FieldsV1: 'Raw=1 bytes',
  ObjectMeta:
    'name=1 string; generateName=2 string; namespace=3 string; selfLink=4 string; uid=5 string; ' +
    'resourceVersion=6 string; generation=7 int64; creationTimestamp=8 Time; ' +
    'deletionTimestamp=9 *Time; deletionGracePeriodSeconds=10 *int64; ' +
    'labels=11 {string:string}; annotations=12 {string:string}; ' +
    'ownerReferences=13 []OwnerReference; finalizers=14 []string; managedFields=17 []ManagedFieldsEntry',
  OwnerReference:
    'apiVersion=5 string; kind=1 string; name=3 string; uid=4 string; controller=6 *bool; ' +
    'blockOwnerDeletion=7 *bool',
  ManagedFieldsEntry:
    'manager=1 string; operation=2 string; apiVersion=3 string; time=4 *Time; ' +
    'fieldsType=6 string; fieldsV1=7 *FieldsV1; subresource=8 string',
  ListMeta:
    'selfLink=1 string; resourceVersion=2 string; continue=3 string; remainingItemCount=4 *int64',
  Status:
    'metadata=1 ListMeta; status=2 string; message=3 string; reason=4 string; ' +
    'details=5 *StatusDetails; code=6 int32',
  StatusDetails:
    'name=1 string; group=2 string; kind=3 string; uid=6 string; causes=4 []StatusCause; ' +
    'retryAfterSeconds=5 int32',
  StatusCause: 'reason=1 string; message=2 string; field=3 string',
  DeleteOptions:
    'gracePeriodSeconds=1 *int64; preconditions=2 *Preconditions; orphanDependents=3 *bool; ' +
    'propagationPolicy=4 *string; dryRun=5 []string; ' +
    'ignoreStoreReadErrorWithClusterBreakingPotential=6 *bool',
  Preconditions: 'uid=1 *string; resourceVersion=2 *string',
  LabelSelector: 'matchLabels=1 {string:string}; matchExpressions=2 []LabelSelectorRequirement',
  LabelSelectorRequirement: 'key=1 string; operator=2 string; values=3 []string',
  Condition:
    'type=1 string; status=2 string; observedGeneration=3 int64; lastTransitionTime=4 Time; ' +
    'reason=5 string; message=6 string',
  WatchEvent: 'type=1 string; object=2 RawExtension',
  // coordination.k8s.io/v1
  Lease: 'metadata=1 ObjectMeta; spec=2 LeaseSpec',
  LeaseSpec:
    'holderIdentity=1 *string; leaseDurationSeconds=2 *int32; acquireTime=3 *MicroTime; ' +
    'renewTime=4 *MicroTime; leaseTransitions=5 *int32; strategy=6 *string; preferredHolder=7 *string',
  LeaseList: 'metadata=1 ListMeta; items=2 []Lease',
};
