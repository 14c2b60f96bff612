package org.jphmesh.web.state;

/** Told of every change of the mesh view, on the bus I/O thread or a chores thread: must only hand the change on. */
public interface MeshListener {

    void sensorChanged(SensorView sensor);

    default void event(MeshEvent event) {
    }
}
