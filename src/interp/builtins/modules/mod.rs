//! The built-in modules, importable by name: [`threading`] (with the methods of its `Thread` and `Lock`
//! classes), [`time`] and [`gc`].

mod gc;
mod threading;
mod time;

use crate::interp::thread::ThreadState;
use crate::object::intern;
use crate::strategy::Strategy;

/// Give `threading`'s classes their methods and put the modules into the VM's module table.
pub fn install<S: Strategy>(ts: &ThreadState<'_, S>) {
    let vm = &ts.vm;
    let pin = &ts.pin;
    threading::install_methods(&vm.types.thread, &vm.types.lock, pin);
    let threading = threading::module::<S>(pin);
    drop(vm.modules.set(intern::<S>("threading"), threading, pin));
    let time = time::module::<S>(pin);
    drop(vm.modules.set(intern::<S>("time"), time, pin));
    let gc = gc::module::<S>(pin);
    drop(vm.modules.set(intern::<S>("gc"), gc, pin));
}
