package aio

import "reflect"

func funcPC(fn any) uintptr { return reflect.ValueOf(fn).Pointer() }
